// The form as JSX, shared by the React and Preact pages (each build supplies its own JSX runtime
// and `useState`).
import { FIELDS, initialFields, show } from "./fields.js";

export function Form({ useState, calls }) {
  const [fields, setFields] = useState(initialFields);
  const [out, setOut] = useState("");
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      {FIELDS.map(([key, label]) => (
        <label key={key}>
          {label}
          <input value={fields[key] ?? ""} onInput={(e) => setFields({ ...fields, [key]: e.target.value })} />
        </label>
      ))}
      {Object.entries(calls).map(([name, call]) => (
        <button key={name} type="button" onClick={() => show(call(fields)).then(setOut)}>
          {name}
        </button>
      ))}
      <pre>{out}</pre>
    </form>
  );
}
