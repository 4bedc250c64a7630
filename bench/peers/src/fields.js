// What every peer page asks for, and how it shows an answer: the same form on each framework.

/** Field key and label, in page order. */
export const FIELDS = [
  ["accessKeyId", "Access key ID"],
  ["secretAccessKey", "Secret access key"],
  ["sessionToken", "Session token"],
  ["region", "Region"],
  ["endpoint", "Endpoint URL"],
  ["cluster", "DB cluster identifier"],
  ["backtrackTo", "Backtrack to (UTC)"],
];

/** The form's starting values. */
export const initialFields = () => ({ region: "us-east-1" });

/** The text shown for a call's outcome. */
export const show = (promise) =>
  promise.then(
    (result) => JSON.stringify(result, null, 2),
    (error) => `${error.name}: ${error.message}`,
  );

/** The fields the benchmark signs with (the design's example request). */
export const BENCH_FIELDS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN",
  region: "us-east-1",
  cluster: "my-cluster1",
  backtrackTo: "2017-07-08T18:00:00Z",
};
