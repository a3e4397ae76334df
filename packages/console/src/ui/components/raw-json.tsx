/** A value's raw JSON, folded away until asked for. */
export function RawJson({ value, label = 'Raw JSON' }: { value: unknown; label?: string }) {
  return (
    <details class="raw">
      <summary>{label}</summary>
      <pre class="json">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** A JSON value shown pretty-printed. */
export function JsonBlock({ value }: { value: unknown }) {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}
