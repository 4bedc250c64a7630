// Vue 3 (render functions) + @aws-sdk/client-rds.
import { createApp, h, reactive, ref } from "vue";
import { FIELDS, initialFields, show } from "./fields.js";
import { calls } from "./sdk.js";

createApp({
  setup() {
    const fields = reactive(initialFields());
    const out = ref("");
    return () =>
      h("form", { onSubmit: (e) => e.preventDefault() }, [
        ...FIELDS.map(([key, label]) =>
          h("label", [label, h("input", { value: fields[key] ?? "", onInput: (e) => (fields[key] = e.target.value) })]),
        ),
        ...Object.entries(calls).map(([name, call]) =>
          h("button", { type: "button", onClick: () => show(call(fields)).then((t) => (out.value = t)) }, name),
        ),
        h("pre", out.value),
      ]);
  },
}).mount("#app");
