// The three RDS calls signed by aws4fetch and read with DOMParser (the Preact page), and the
// benchmark hook: encode + sign + parse of one BacktrackDBCluster, answered without the network.
import { AwsClient } from "aws4fetch";
import CANNED from "../../backtrack-response.xml";
import { BENCH_FIELDS } from "./fields.js";

const signer = (f) =>
  new AwsClient({
    accessKeyId: f.accessKeyId,
    secretAccessKey: f.secretAccessKey,
    sessionToken: f.sessionToken || undefined,
    region: f.region,
    service: "rds",
  });

const request = (f, action, params) => ({
  url: f.endpoint || `https://rds.${f.region}.amazonaws.com/`,
  init: {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body: new URLSearchParams({ Action: action, Version: "2014-10-31", ...params }).toString(),
  },
});

/** The text of every leaf element under the action's result, by element name. */
const parse = (xml) => {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const error = doc.querySelector("Error > Code");
  if (error) throw new Error(`${error.textContent}: ${doc.querySelector("Error > Message")?.textContent}`);
  return Object.fromEntries([...doc.querySelectorAll("*")].filter((e) => !e.children.length).map((e) => [e.localName, e.textContent]));
};

const call = async (f, action, params) => {
  const { url, init } = request(f, action, params);
  const response = await signer(f).fetch(url, init);
  return parse(await response.text());
};

const backtrackParams = (f) => ({
  DBClusterIdentifier: f.cluster,
  BacktrackTo: new Date(f.backtrackTo).toISOString().replace(".000Z", "Z"),
  Force: "false",
  UseEarliestTimeOnPointInTimeUnavailable: "true",
});

/** Button label and call. */
export const calls = {
  "Look up": (f) => call(f, "DescribeDBClusters", { DBClusterIdentifier: f.cluster }),
  Backtrack: (f) => call(f, "BacktrackDBCluster", backtrackParams(f)),
  History: (f) => call(f, "DescribeDBClusterBacktracks", { DBClusterIdentifier: f.cluster }),
};

const benchSigner = signer(BENCH_FIELDS);
window.benchCall = async () => {
  const { url, init } = request(BENCH_FIELDS, "BacktrackDBCluster", backtrackParams(BENCH_FIELDS));
  await benchSigner.sign(url, init);
  return parse(CANNED);
};
