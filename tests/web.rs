//! Component tests: the console's components mounted in headless Chromium, driven through the DOM
//! and found by their accessible names.
#![cfg(target_arch = "wasm32")]

use backtrack_console::ui::backtrack_form::BacktrackForm;
use backtrack_console::ui::confirm_dialog::ConfirmDialog;
use backtrack_console::ui::connection_panel::ConnectionPanel;
use backtrack_console::ui::error_alert::ErrorAlert;
use backtrack_console::ui::identity::{Caller, Identity};
use backtrack_console::ui::identity_panel::IdentityPanel;
use backtrack_console::ui::labelled_input::{InputKind, LabelledInput};
use backtrack_console::ui::lifecycle::Backtracks;
use backtrack_console::ui::state::{Connection, Field, Flow, LookedUp, Session, SETTINGS_KEY};
use backtrack_console::ui::status_badge::StatusBadge;
use backtrack_console::ui::status_card::StatusCard;
use backtrack_console::App;
use leptos::prelude::*;
use leptos::task::tick;
use rds_core::error::{ErrorCode, RdsError, ServiceError};
use rds_core::identity::CallerIdentity;
use rds_core::model::{
    BacktrackRequest, BacktrackStatus, ClusterId, DbCluster, DbClusterBacktrack,
};
use rds_core::settings::Settings;
use rds_core::time::Timestamp;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` with fresh shared state in a new `<section>`; returns the section and the
/// context types.
fn mount<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> (HtmlElement, Flow, Backtracks, Connection) {
    let parent: HtmlElement = document()
        .create_element("section")
        .unwrap()
        .unchecked_into();
    document().body().unwrap().append_child(&parent).unwrap();
    let connection = Connection::from_saved_settings();
    let flow = Flow::new();
    let session = Session::new(backtrack_console::browser::now());
    let backtracks = Backtracks::new(connection, session, flow);
    let handle = leptos::mount::mount_to(parent.clone(), move || {
        provide_context(Identity::new());
        provide_context(connection);
        provide_context(session);
        provide_context(flow);
        provide_context(backtracks);
        view()
    });
    std::mem::forget(handle);
    (parent, flow, backtracks, connection)
}

/// The element in `root` whose label, `aria-label` or text is exactly `name`.
fn by_name<T: JsCast>(root: &HtmlElement, name: &str) -> T {
    let all = root
        .query_selector_all("input, select, textarea, button, [aria-label], [role]")
        .unwrap();
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap().unchecked_into();
        let label = el.get_attribute("aria-label").or_else(|| {
            let id = el.id();
            let by_for = (!id.is_empty())
                .then(|| {
                    root.query_selector(&format!("label[for='{id}']"))
                        .ok()
                        .flatten()
                })
                .flatten()
                .and_then(|l| l.text_content());
            by_for
                .or_else(|| {
                    el.closest("label")
                        .ok()
                        .flatten()
                        .and_then(|l| l.text_content())
                })
                .or_else(|| {
                    (el.tag_name() == "BUTTON")
                        .then(|| el.text_content())
                        .flatten()
                })
        });
        if label.as_deref().map(str::trim) == Some(name) {
            return el.unchecked_into();
        }
    }
    panic!("no element named {name:?} in {}", root.inner_html());
}

fn type_into(root: &HtmlElement, name: &str, text: &str) {
    let input: HtmlInputElement = by_name(root, name);
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn cluster(window_secs: u64, engine: &str) -> LookedUp {
    let now = backtrack_console::browser::now();
    LookedUp {
        cluster: DbCluster {
            identifier: ClusterId::parse("orders-prod").unwrap(),
            engine: engine.into(),
            engine_version: "8.0.mysql_aurora.3.08.0".into(),
            engine_mode: "provisioned".into(),
            status: "available".into(),
            backtrack_window_secs: window_secs,
            earliest_backtrack_time: Some(now.add_millis(-3_600_000)),
            consumed_change_records: None,
            arn: String::new(),
            endpoint: String::new(),
            members: Vec::new(),
        },
        at: now,
    }
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_every_connection_control() {
    let (root, _, _, _) = mount(App);
    tick().await;
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Backtrack Console"
    );
    for name in [
        "Access key ID",
        "Secret access key",
        "Session token",
        "Credentials expire at",
        "Paste credentials",
        "Region",
        "Endpoint URL",
        "CORS proxy URL",
        "DB cluster identifier",
    ] {
        let _: web_sys::Element = by_name(&root, name);
    }
    let secret: HtmlInputElement = by_name(&root, "Secret access key");
    assert_eq!(secret.type_(), "password");
}

#[wasm_bindgen_test]
async fn credentials_import_from_each_format() {
    let formats = [
        r#"{"Credentials": {"AccessKeyId": "ASIAONE", "SecretAccessKey": "SECRETONE", "SessionToken": "t1", "Expiration": "2099-01-01T00:00:00+00:00"}}"#,
        r#"{"Version": 1, "AccessKeyId": "ASIATWO", "SecretAccessKey": "SECRETTWO", "SessionToken": "t2", "Expiration": "2099-01-01T00:00:00Z"}"#,
        "export AWS_ACCESS_KEY_ID=ASIATHREE\nexport AWS_SECRET_ACCESS_KEY=SECRETTHREE\nexport AWS_SESSION_TOKEN=t3\n",
    ];
    let expected = [
        ("ASIAONE", "SECRETONE"),
        ("ASIATWO", "SECRETTWO"),
        ("ASIATHREE", "SECRETTHREE"),
    ];
    for (text, (key, secret)) in formats.iter().zip(expected) {
        let (root, _, _, connection) = mount(ConnectionPanel);
        let paste: HtmlTextAreaElement = by_name(&root, "Paste credentials");
        paste.set_value(text);
        paste
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        by_name::<HtmlButtonElement>(&root, "Import credentials").click();
        tick().await;
        assert_eq!(
            by_name::<HtmlInputElement>(&root, "Access key ID").value(),
            key
        );
        assert!(connection.credentials().unwrap().session_token.is_some());
        assert_eq!(connection.credentials().unwrap().secret_access_key, secret);
        assert!(
            !root.inner_html().contains(secret),
            "the secret is never echoed into the page"
        );
        by_name::<HtmlButtonElement>(&root, "Clear credentials").click();
        tick().await;
        assert_eq!(
            by_name::<HtmlInputElement>(&root, "Access key ID").value(),
            ""
        );
    }
    let (root, _, _, _) = mount(ConnectionPanel);
    let paste: HtmlTextAreaElement = by_name(&root, "Paste credentials");
    paste.set_value("nonsense");
    paste
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    by_name::<HtmlButtonElement>(&root, "Import credentials").click();
    tick().await;
    assert!(root
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("aws sts assume-role"));
}

#[wasm_bindgen_test]
async fn the_form_validates_time_and_window() {
    let reviewed = RwSignal::new(None::<BacktrackRequest>);
    let on_review = Callback::new(move |r| reviewed.set(Some(r)));
    let (root, flow, _, _) = mount(move || view! { <BacktrackForm on_review=on_review /> });
    flow.show(cluster(86_400, "aurora-mysql"));
    tick().await;
    type_into(&root, "Backtrack to", "2099-01-01T00:00:00");
    tick().await;
    assert!(root.text_content().unwrap().contains("in the future"));
    type_into(&root, "Backtrack to", "2020-01-01T00:00:00");
    tick().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("before the earliest backtrack time"));
    by_name::<HtmlButtonElement>(&root, "Review backtrack").click();
    tick().await;
    assert_eq!(
        reviewed.get_untracked(),
        None,
        "no review for an invalid time"
    );
    by_name::<HtmlInputElement>(
        &root,
        "Use earliest time if the point in time is unavailable",
    )
    .click();
    by_name::<HtmlButtonElement>(&root, "Review backtrack").click();
    tick().await;
    let request = reviewed.get_untracked().expect("reviewed");
    assert_eq!(request.backtrack_to.to_iso(), "2020-01-01T00:00:00Z");
    assert!(request.use_earliest_time_on_point_in_time_unavailable && !request.force);
}

#[wasm_bindgen_test]
async fn the_form_is_disabled_for_a_cluster_that_cannot_backtrack() {
    let on_review = Callback::new(|_| {});
    let (root, flow, _, _) = mount(move || view! { <BacktrackForm on_review=on_review /> });
    flow.show(cluster(0, "aurora-mysql"));
    tick().await;
    assert!(by_name::<HtmlButtonElement>(&root, "Review backtrack")
        .matches(":disabled")
        .unwrap());
    flow.show(cluster(86_400, "aurora-mysql"));
    tick().await;
    assert!(!by_name::<HtmlButtonElement>(&root, "Review backtrack")
        .matches(":disabled")
        .unwrap());
}

#[wasm_bindgen_test]
async fn the_dialog_gates_on_the_typed_identifier_and_the_checklist() {
    let confirmed = RwSignal::new(0);
    let on_confirm = Callback::new(move |_| confirmed.update(|n| *n += 1));
    let (root, _, backtracks, _) = mount(move || view! { <ConfirmDialog on_confirm=on_confirm /> });
    backtracks.review(BacktrackRequest {
        cluster: ClusterId::parse("orders-prod").unwrap(),
        backtrack_to: Timestamp::from_secs(1_764_000_000),
        force: true,
        use_earliest_time_on_point_in_time_unavailable: false,
    });
    tick().await;
    let dialog = root
        .query_selector("dialog[open]")
        .unwrap()
        .expect("an open modal dialog");
    assert_eq!(
        dialog.get_attribute("aria-labelledby").as_deref(),
        Some("confirm-title")
    );
    assert!(dialog.text_content().unwrap().contains("Force is set"));
    assert!(!dialog.text_content().unwrap().contains("This undoes"));
    let button = || by_name::<HtmlButtonElement>(&root, "Backtrack DB cluster");
    assert!(button().disabled());
    let checklist = dialog
        .query_selector("fieldset legend")
        .unwrap()
        .expect("the checklist");
    assert_eq!(checklist.text_content().unwrap(), "Before you backtrack");
    let boxes = dialog
        .query_selector_all("fieldset.checklist input[type=checkbox]")
        .unwrap();
    assert_eq!(boxes.length(), 4);
    let tick_box = |i: u32| {
        boxes
            .item(i)
            .unwrap()
            .unchecked_into::<HtmlInputElement>()
            .click()
    };
    type_into(
        &root,
        "Type the cluster identifier to confirm",
        "orders-pro",
    );
    tick().await;
    assert!(button().disabled());
    button().click();
    assert_eq!(confirmed.get_untracked(), 0);
    type_into(
        &root,
        "Type the cluster identifier to confirm",
        "orders-prod",
    );
    tick().await;
    assert!(button().disabled(), "the identifier alone is not enough");
    for i in 0..3 {
        tick_box(i);
    }
    tick().await;
    assert!(button().disabled(), "one box is still unticked");
    button().click();
    assert_eq!(confirmed.get_untracked(), 0);
    tick_box(3);
    tick().await;
    assert!(!button().disabled());
    by_name::<HtmlButtonElement>(&root, "Cancel").click();
    tick().await;
    assert!(root.query_selector("dialog").unwrap().is_none());
    assert_eq!(confirmed.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn the_status_card_shows_each_status_as_a_word() {
    let (root, _, backtracks, _) = mount(StatusCard);
    for status in [
        BacktrackStatus::Pending,
        BacktrackStatus::Applying,
        BacktrackStatus::Completed,
        BacktrackStatus::Failed,
    ] {
        backtracks.show(DbClusterBacktrack {
            cluster_id: ClusterId::parse("orders-prod").unwrap(),
            backtrack_id: "b-1".into(),
            backtrack_to: Some(Timestamp::from_secs(1_764_000_000)),
            backtracked_from: Some(Timestamp::from_secs(1_764_000_600)),
            request_creation_time: Some(Timestamp::from_secs(1_764_000_600)),
            status: status.clone(),
        });
        tick().await;
        let card = root
            .query_selector("[aria-label='Backtrack status']")
            .unwrap()
            .expect("the status region");
        let badge = card.query_selector(".status-badge").unwrap().unwrap();
        assert_eq!(badge.text_content().unwrap(), status.as_str());
        assert!(badge
            .class_name()
            .contains(&format!("status-{}", status.as_str())));
        let text = card.text_content().unwrap();
        for field in [
            "DBClusterIdentifier",
            "BacktrackIdentifier",
            "BacktrackTo",
            "BacktrackedFrom",
            "BacktrackRequestCreationTime",
            "2025-11-24T16:00:00Z",
        ] {
            assert!(text.contains(field), "{field} in {text}");
        }
    }
}

#[wasm_bindgen_test]
async fn errors_render_code_message_request_id_and_hint() {
    let error = RwSignal::new(Some(RdsError::Service(ServiceError {
        kind: ErrorCode::DbClusterNotFound,
        code: "DBClusterNotFoundFault".into(),
        message: "DBCluster <b>nope</b> not found.".into(),
        request_id: Some("req-42".into()),
        status: Some(404),
    })));
    let (root, _, _, _) = mount(move || view! { <ErrorAlert error=error /> });
    tick().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("DBClusterNotFoundFault")
            && text.contains("req-42")
            && text.contains("region"),
        "{text}"
    );
    assert!(
        text.contains("<b>nope</b>"),
        "server text is shown as text, not HTML"
    );
    assert!(alert.query_selector("b").unwrap().is_none());
    error.set(None);
    tick().await;
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn long_term_keys_warn_and_the_expiry_counts_down() {
    let (root, _, _, _) = mount(ConnectionPanel);
    type_into(&root, "Access key ID", "AKIALONGTERM");
    type_into(&root, "Secret access key", "secret");
    tick().await;
    assert!(
        root.text_content().unwrap().contains("long-term keys"),
        "a warning without a session token"
    );
    type_into(&root, "Session token", "token");
    tick().await;
    assert!(!root.text_content().unwrap().contains("long-term keys"));
    let in_two_hours = backtrack_console::browser::now().add_millis(2 * 3_600_000 + 30_000);
    type_into(
        &root,
        "Credentials expire at",
        &in_two_hours.whole_seconds().to_iso(),
    );
    tick().await;
    assert!(
        root.text_content().unwrap().contains("Expires in 2 h"),
        "{}",
        root.text_content().unwrap()
    );
    type_into(&root, "Credentials expire at", "tomorrow");
    tick().await;
    assert!(root
        .text_content()
        .unwrap()
        .contains("Not an ISO 8601 time"));
}

#[wasm_bindgen_test]
async fn connection_settings_persist_as_one_json_entry_without_secrets() {
    let storage = window().local_storage().unwrap().unwrap();
    storage
        .set_item(
            SETTINGS_KEY,
            r#"{"region":"eu-west-1","endpoint":"http://127.0.0.1:4566/"}"#,
        )
        .unwrap();
    let (root, _, _, connection) = mount(|| view! { <ConnectionPanel /> });
    assert_eq!(connection.get_untracked(Field::Region), "eu-west-1");
    assert_eq!(
        connection.get_untracked(Field::Endpoint),
        "http://127.0.0.1:4566/"
    );
    assert_eq!(connection.get_untracked(Field::Proxy), "");
    connection
        .input(Field::Proxy)
        .set("http://127.0.0.1:8787/".into());
    connection
        .input(Field::SecretAccessKey)
        .set("SECRET-KEY".into());
    tick().await;
    let saved = storage.get_item(SETTINGS_KEY).unwrap().unwrap();
    assert_eq!(
        Settings::from_json(&saved),
        Settings {
            region: "eu-west-1".into(),
            endpoint: "http://127.0.0.1:4566/".into(),
            proxy: "http://127.0.0.1:8787/".into(),
        }
    );
    assert!(!saved.contains("SECRET-KEY"), "{saved}");
    storage.remove_item(SETTINGS_KEY).unwrap();
    root.remove();
}

#[wasm_bindgen_test]
fn status_badges_name_known_kinds_and_never_take_server_text_as_a_class() {
    let (root, _, _, _) = mount(|| {
        view! {
            <StatusBadge status=BacktrackStatus::Completed />
            <StatusBadge status=BacktrackStatus::Other("rolling back".into()) />
        }
    });
    let badges = root.query_selector_all(".status-badge").unwrap();
    let badge = |i| badges.item(i).unwrap().unchecked_into::<HtmlElement>();
    assert_eq!(badge(0).class_name(), "status-badge status-completed");
    assert_eq!(badge(0).text_content().unwrap(), "completed");
    assert_eq!(badge(1).class_name(), "status-badge status-other");
    assert_eq!(badge(1).text_content().unwrap(), "rolling back");
    root.remove();
}

#[wasm_bindgen_test]
async fn labelled_inputs_are_named_typed_and_report_only_user_edits() {
    let value = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let edits = RwSignal::new(0);
    let (root, ..) = mount(move || {
        view! {
            <LabelledInput id="li-text" label="Plain" value=value described_by="li-note"
                on_edit=Callback::new(move |()| edits.update(|n| *n += 1)) />
            <LabelledInput id="li-secret" label="Hidden" value=secret kind=InputKind::Secret />
            <LabelledInput id="li-when" label="When" value=RwSignal::new(String::new())
                kind=InputKind::DateTime min="2026-01-01T00:00:00" />
        }
    });
    let plain: HtmlInputElement = by_name(&root, "Plain");
    assert_eq!(plain.type_(), "text");
    assert_eq!(
        plain.get_attribute("aria-describedby").as_deref(),
        Some("li-note")
    );
    assert_eq!(
        by_name::<HtmlInputElement>(&root, "Hidden").type_(),
        "password"
    );
    let when: HtmlInputElement = by_name(&root, "When");
    assert_eq!(when.type_(), "datetime-local");
    assert_eq!(when.step(), "1");
    assert_eq!(when.min(), "2026-01-01T00:00:00");
    assert!(!plain.has_attribute("step") && !plain.has_attribute("min"));

    type_into(&root, "Plain", "orders-prod");
    tick().await;
    assert_eq!(value.get_untracked(), "orders-prod");
    assert_eq!(edits.get_untracked(), 1);
    value.set("set by the page".into());
    tick().await;
    assert_eq!(plain.value(), "set by the page");
    assert_eq!(
        edits.get_untracked(),
        1,
        "a value set by the page is not an edit"
    );
}

/// A completed backtrack of `orders-prod` that started `from_ago_secs` ago.
fn completed(from_ago_secs: i64, status: BacktrackStatus) -> DbClusterBacktrack {
    let now = backtrack_console::browser::now();
    DbClusterBacktrack {
        cluster_id: ClusterId::parse("orders-prod").unwrap(),
        backtrack_id: "b-7".into(),
        backtrack_to: Some(now.add_millis(-(from_ago_secs + 600) * 1000)),
        backtracked_from: Some(now.add_millis(-from_ago_secs * 1000)),
        request_creation_time: Some(now.add_millis(-from_ago_secs * 1000)),
        status,
    }
}

#[wasm_bindgen_test]
async fn undo_reviews_a_backtrack_forward_to_where_the_last_one_started() {
    let (root, flow, backtracks, _) = mount(|| {
        let on_confirm = Callback::new(|_| {});
        view! { <StatusCard /> <ConfirmDialog on_confirm=on_confirm /> }
    });
    flow.show(cluster(86_400, "aurora-mysql"));
    let undo = || by_name::<HtmlButtonElement>(&root, "Undo this backtrack");
    let note = || {
        root.query_selector("#undo-note")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };

    backtracks.show(completed(120, BacktrackStatus::Applying));
    tick().await;
    assert!(undo().disabled());
    assert!(
        note().contains("once it has completed; it is applying"),
        "{}",
        note()
    );

    backtracks.show(completed(120, BacktrackStatus::Failed));
    tick().await;
    assert!(undo().disabled());
    assert!(note().contains("It failed"), "{}", note());

    // The cluster's earliest backtrack time is an hour ago: two hours ago is outside the window.
    backtracks.show(completed(7_200, BacktrackStatus::Completed));
    tick().await;
    assert!(undo().disabled());
    assert!(
        note().contains("before the earliest backtrack time"),
        "{}",
        note()
    );

    let done = completed(120, BacktrackStatus::Completed);
    let from = done.backtracked_from.unwrap().whole_seconds();
    backtracks.show(done);
    tick().await;
    assert!(!undo().disabled(), "{}", note());
    undo().click();
    tick().await;
    let review = untrack(|| backtracks.under_review()).expect("under review");
    assert_eq!(review.undoes.as_deref(), Some("b-7"));
    assert_eq!(review.request.backtrack_to, from);
    let dialog = root
        .query_selector("dialog[open]")
        .unwrap()
        .expect("the dialog");
    let text = dialog.text_content().unwrap();
    assert!(text.contains("moves the cluster forward again"), "{text}");
    assert!(text.contains(&from.to_iso()), "{text}");
}

#[wasm_bindgen_test]
async fn earlier_and_later_step_from_the_last_backtrack_target() {
    let on_review = Callback::new(|_| {});
    let (root, flow, backtracks, _) =
        mount(move || view! { <BacktrackForm on_review=on_review /> });
    flow.show(cluster(86_400, "aurora-mysql"));
    let done = completed(120, BacktrackStatus::Completed);
    let last_target = done.backtrack_to.unwrap();
    backtracks.show(done);
    tick().await;
    // The instant the picker shows (the browser drops `:00` seconds from its value).
    let picker = || {
        let value = by_name::<HtmlInputElement>(&root, "Backtrack to").value();
        rds_core::target_time::parse_picker(&value, rds_core::target_time::Zone::Utc, &chrono::Utc)
    };
    let expected = |ago_ms: i64| Ok(last_target.add_millis(-ago_ms).whole_seconds());
    by_name::<HtmlButtonElement>(&root, "Earlier").click();
    tick().await;
    assert_eq!(picker(), expected(300_000), "5 min by default");
    let step: web_sys::HtmlSelectElement = by_name(&root, "Step");
    step.set_value("60");
    step.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    by_name::<HtmlButtonElement>(&root, "Later").click();
    tick().await;
    assert_eq!(picker(), expected(240_000));
    by_name::<HtmlButtonElement>(&root, "Later").click();
    by_name::<HtmlButtonElement>(&root, "Later").click();
    tick().await;
    assert_eq!(picker(), expected(120_000));
}

#[wasm_bindgen_test]
async fn pasted_times_fill_the_picker_and_say_how_they_were_read() {
    let on_review = Callback::new(|_| {});
    let (root, flow, _, _) = mount(move || view! { <BacktrackForm on_review=on_review /> });
    flow.show(cluster(86_400, "aurora-mysql"));
    tick().await;
    let note = || {
        root.query_selector("#paste-note")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    for text in [
        "2026-11-25T15:06:26+02:00",
        "2026-11-25 13:06:26.250000",
        "1795611986",
        "1795611986000",
        "Wed, 25 Nov 2026 13:06:26 GMT",
    ] {
        type_into(&root, "Paste a time", text);
        tick().await;
        assert_eq!(
            by_name::<HtmlInputElement>(&root, "Backtrack to").value(),
            "2026-11-25T13:06:26",
            "{text}"
        );
        assert!(note().starts_with("Read as "), "{text}: {}", note());
        assert!(
            note().contains("2026-11-25T13:06:26Z UTC"),
            "{text}: {}",
            note()
        );
    }
    type_into(&root, "Paste a time", "last tuesday");
    tick().await;
    assert!(
        note().contains("is not a time this page reads"),
        "{}",
        note()
    );
    assert_eq!(
        by_name::<HtmlInputElement>(&root, "Backtrack to").value(),
        "2026-11-25T13:06:26",
        "an unreadable paste leaves the chosen time alone"
    );
}

#[wasm_bindgen_test]
async fn identity_shows_the_caller_in_the_panel_and_the_dialog() {
    let identity = Identity::new();
    let (root, _, backtracks, _) = mount(move || {
        provide_context(identity);
        let on_confirm = Callback::new(|_| {});
        view! { <IdentityPanel /> <ConfirmDialog on_confirm=on_confirm /> }
    });
    let panel = || {
        root.query_selector("[aria-label='Identity']")
            .unwrap()
            .expect("the Identity region")
            .text_content()
            .unwrap()
    };
    tick().await;
    assert!(panel().contains("no credentials set"), "{}", panel());
    identity.learn(Caller::Failed(RdsError::Service(ServiceError {
        kind: ErrorCode::ExpiredToken,
        code: "ExpiredToken".into(),
        message: "The security token included in the request is expired".into(),
        request_id: Some("req-7".into()),
        status: Some(403),
    })));
    tick().await;
    assert!(
        panel().contains("ExpiredToken") && panel().contains("req-7"),
        "{}",
        panel()
    );
    identity.learn(Caller::Known(CallerIdentity {
        account: "123456789012".into(),
        arn: "arn:aws:sts::123456789012:assumed-role/dba/alice".into(),
        user_id: "AROAEXAMPLE:alice".into(),
    }));
    tick().await;
    assert!(panel().contains("role dba, session alice") && panel().contains("123456789012"));
    backtracks.review(BacktrackRequest {
        cluster: ClusterId::parse("orders-prod").unwrap(),
        backtrack_to: Timestamp::from_secs(1_764_000_000),
        force: false,
        use_earliest_time_on_point_in_time_unavailable: false,
    });
    tick().await;
    let dialog = root
        .query_selector("dialog[open]")
        .unwrap()
        .expect("the dialog");
    assert!(dialog
        .text_content()
        .unwrap()
        .contains("role dba, session alice in account 123456789012"));
}

/// Waits (up to 10 s) until `root`'s text contains `part`.
async fn until_text(root: &HtmlElement, part: &str) {
    for _ in 0..100 {
        if root.text_content().unwrap_or_default().contains(part) {
            return;
        }
        backtrack_console::browser::sleep(100).await;
    }
    panic!("never showed {part:?}: {}", root.text_content().unwrap());
}

#[wasm_bindgen_test]
async fn an_unreadable_send_answer_may_have_started_locks_the_form_and_is_never_resent() {
    let on_review = Callback::new(|_| {});
    let (root, flow, backtracks, connection) =
        mount(move || view! { <BacktrackForm on_review=on_review /> <StatusCard /> });
    flow.show(cluster(86_400, "aurora-mysql"));
    connection
        .input(Field::AccessKeyId)
        .set("ASIAEXAMPLE".into());
    connection
        .input(Field::SecretAccessKey)
        .set("secret".into());
    // Nothing listens on the discard port: the send fails with no answer at all.
    connection
        .input(Field::Endpoint)
        .set("http://127.0.0.1:9/".into());
    let request = BacktrackRequest {
        cluster: ClusterId::parse("orders-prod").unwrap(),
        backtrack_to: backtrack_console::browser::now()
            .add_millis(-600_000)
            .whole_seconds(),
        force: false,
        use_earliest_time_on_point_in_time_unavailable: false,
    };
    backtracks.send(request.clone());
    until_text(&root, "may have started").await;
    let fieldset = root.query_selector("form fieldset").unwrap().unwrap();
    assert!(fieldset.has_attribute("disabled"), "the form is locked");
    // The check reads the same unreachable endpoint, so it fails and offers to check again.
    until_text(&root, "Check again").await;
    let said = root
        .query_selector(".status-card p.warning")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(said.contains("may have started"), "{said}");
    assert!(
        !said.contains("did not reach"),
        "the send's fate is not guessed: {said}"
    );
    assert!(backtracks.locked(), "still locked while unknown");
    // A second send is refused while the first may have started.
    backtracks.send(request);
    assert!(!untrack(|| backtracks.sending()), "nothing was sent again");
    assert!(fieldset.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn earliest_plus_a_minute_is_disabled_with_the_reason_when_rds_names_no_earliest_time() {
    let on_review = Callback::new(|_| {});
    let (root, flow, _, _) = mount(move || view! { <BacktrackForm on_review=on_review /> });
    let mut looked = cluster(86_400, "aurora-mysql");
    flow.show(looked.clone());
    tick().await;
    let button = || by_name::<HtmlButtonElement>(&root, "Earliest (+1 min)");
    assert!(!button().disabled(), "an earliest time is known");
    looked.cluster.earliest_backtrack_time = None;
    flow.show(looked);
    tick().await;
    assert!(button().disabled(), "nothing to act on");
    let note_id = button().get_attribute("aria-describedby").unwrap();
    let note = root
        .query_selector(&format!("#{note_id}"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(note.contains("no earliest backtrack time"), "{note}");
}
