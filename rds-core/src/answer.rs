//! What one answer means: the body of a success, or the error it carries (RDS's own, the CORS
//! proxy's refusal, or something that is not RDS), and what it tells of the server's clock.
//! The browser edge only fetches; every decision about the answer is made here.

use crate::error::{RdsError, ServiceError};
use crate::sign::ClockSkew;
use crate::time::Timestamp;
use crate::{json, xml};

/// The header with which the CORS proxy marks its own refusals (`proxy/` sets it).
pub const PROXY_REFUSAL_HEADER: &str = "x-proxy-refusal";

/// How many characters of a body that is not RDS's are shown.
const SNIPPET_CHARS: usize = 200;

/// One HTTP answer as the browser saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The body, as text.
    pub body: String,
    /// The `Date` header, if the browser exposed it.
    pub date: Option<String>,
    /// True when the [`PROXY_REFUSAL_HEADER`] was set.
    pub refused_by_proxy: bool,
    /// The `x-amzn-RequestId` header (the JSON protocol's request id), if exposed.
    pub request_id: Option<String>,
}

impl Answer {
    /// The body of a 2xx answer, or the error the answer carries. Learns the server's clock
    /// into `skew` from the `Date` header, and from a clock-skew error (its message, else `Date`),
    /// as seen at local time `local_now`.
    pub fn read(self, skew: &mut ClockSkew, local_now: Timestamp) -> Result<String, RdsError> {
        if let Some(date) = &self.date {
            skew.learn_from_date_header(date, local_now);
        }
        if (200..300).contains(&self.status) {
            return Ok(self.body);
        }
        if self.refused_by_proxy {
            return Err(RdsError::ProxyRefused {
                status: self.status,
                message: self.body.trim().to_owned(),
            });
        }
        match xml::parse_error(&self.body, Some(self.status)) {
            Ok(error) => {
                if error.is_clock_skew() {
                    skew.learn_from_error(&error, self.date.as_deref(), local_now);
                }
                Err(RdsError::Service(ServiceError {
                    status: Some(self.status),
                    ..error
                }))
            }
            Err(_)
                if let Some(error) =
                    json::parse_json_error(&self.body, self.status, self.request_id.clone()) =>
            {
                Err(RdsError::Service(error))
            }
            Err(_) => Err(RdsError::NotRds {
                status: self.status,
                snippet: self.body.chars().take(SNIPPET_CHARS).collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn local() -> Timestamp {
        Timestamp::parse_iso("2015-08-30T12:36:00Z").unwrap()
    }

    fn answer(status: u16, body: &str, date: Option<&str>) -> Answer {
        Answer {
            status,
            body: body.to_owned(),
            date: date.map(str::to_owned),
            refused_by_proxy: false,
            request_id: None,
        }
    }

    #[test]
    fn a_json_protocol_error_keeps_its_code_and_the_request_id_header() {
        let mut skew = ClockSkew::default();
        let denied = Answer {
            request_id: Some("req-cw".into()),
            ..answer(
                400,
                r#"{"__type": "com.amazon.coral.service#AccessDeniedException", "message": "no cloudwatch:GetMetricStatistics"}"#,
                None,
            )
        };
        match denied.read(&mut skew, Timestamp::from_secs(0)) {
            Err(RdsError::Service(e)) => {
                assert_eq!(e.code, "AccessDeniedException");
                assert_eq!(e.request_id.as_deref(), Some("req-cw"));
            }
            other => panic!("{other:?}"),
        }
    }

    fn error_body(code: &str, message: &str) -> String {
        format!("<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-9</RequestId></ErrorResponse>")
    }

    #[test]
    fn a_success_gives_its_body_and_the_date_teaches_the_clock() {
        let mut skew = ClockSkew::default();
        let read =
            answer(200, "<ok/>", Some("Sun, 30 Aug 2015 12:46:00 GMT")).read(&mut skew, local());
        assert_eq!(read, Ok("<ok/>".to_owned()));
        assert_eq!(skew.offset_millis(), 10 * 60_000);
    }

    #[test]
    fn a_service_error_keeps_its_code_request_id_and_status() {
        let mut skew = ClockSkew::default();
        let body = error_body("DBClusterNotFoundFault", "DBCluster x not found.");
        let Err(RdsError::Service(error)) = answer(404, &body, None).read(&mut skew, local())
        else {
            panic!("expected a service error");
        };
        assert_eq!(error.kind, ErrorCode::DbClusterNotFound);
        assert_eq!(error.request_id.as_deref(), Some("r-9"));
        assert_eq!(error.status, Some(404));
        assert_eq!(skew, ClockSkew::default());
    }

    #[test]
    fn a_clock_skew_error_teaches_the_server_time_from_its_message() {
        let mut skew = ClockSkew::default();
        let body = error_body("SignatureDoesNotMatch", "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)");
        let read = answer(403, &body, None).read(&mut skew, local());
        assert!(read.is_err_and(|e| e.is_clock_skew()));
        assert_eq!(skew.offset_millis(), 10 * 60_000);
    }

    #[test]
    fn a_proxy_refusal_is_its_own_error_even_with_an_rds_shaped_body() {
        let mut skew = ClockSkew::default();
        let refused = Answer {
            refused_by_proxy: true,
            ..answer(
                403,
                &format!(" {} ", error_body("AccessDenied", "no")),
                None,
            )
        };
        assert!(matches!(
            refused.read(&mut skew, local()),
            Err(RdsError::ProxyRefused { status: 403, .. })
        ));
    }

    #[test]
    fn a_body_that_is_not_rds_is_shown_in_part() {
        let mut skew = ClockSkew::default();
        let html = format!("<html>{}</html>", "x".repeat(500));
        let Err(RdsError::NotRds { status, snippet }) =
            answer(502, &html, None).read(&mut skew, local())
        else {
            panic!("expected NotRds");
        };
        assert_eq!(status, 502);
        assert_eq!(snippet.chars().count(), SNIPPET_CHARS);
    }
}
