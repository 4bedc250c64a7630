// The three RDS calls through @aws-sdk/client-rds (React, Vue and Svelte pages), and the
// benchmark hook: encode + sign + parse of one BacktrackDBCluster, answered without the network.
import {
  RDSClient,
  DescribeDBClustersCommand,
  BacktrackDBClusterCommand,
  DescribeDBClusterBacktracksCommand,
} from "@aws-sdk/client-rds";
import CANNED from "../../backtrack-response.xml";
import { BENCH_FIELDS } from "./fields.js";

const client = (f, requestHandler) =>
  new RDSClient({
    region: f.region,
    endpoint: f.endpoint || undefined,
    credentials: {
      accessKeyId: f.accessKeyId,
      secretAccessKey: f.secretAccessKey,
      sessionToken: f.sessionToken || undefined,
    },
    maxAttempts: 1,
    requestHandler,
  });

const backtrack = (f) =>
  new BacktrackDBClusterCommand({
    DBClusterIdentifier: f.cluster,
    BacktrackTo: new Date(f.backtrackTo),
    Force: false,
    UseEarliestTimeOnPointInTimeUnavailable: true,
  });

/** Button label and call. */
export const calls = {
  "Look up": (f) => client(f).send(new DescribeDBClustersCommand({ DBClusterIdentifier: f.cluster })),
  Backtrack: (f) => client(f).send(backtrack(f)),
  History: (f) => client(f).send(new DescribeDBClusterBacktracksCommand({ DBClusterIdentifier: f.cluster })),
};

const cannedBody = new TextEncoder().encode(CANNED);
const cannedHandler = {
  handle: async () => ({
    response: { statusCode: 200, headers: { "content-type": "text/xml" }, body: cannedBody },
  }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
};
const benchClient = client(BENCH_FIELDS, cannedHandler);

window.benchCall = () => benchClient.send(backtrack(BENCH_FIELDS));
