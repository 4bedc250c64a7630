// Preact + aws4fetch: signing only, the floor.
import { render } from "preact";
import { useState } from "preact/hooks";
import { Form } from "./form.jsx";
import { calls } from "./aws4fetch.js";

render(<Form useState={useState} calls={calls} />, document.getElementById("app"));
