// React 19 + @aws-sdk/client-rds.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { Form } from "./form.jsx";
import { calls } from "./sdk.js";

createRoot(document.getElementById("app")).render(<Form useState={useState} calls={calls} />);
