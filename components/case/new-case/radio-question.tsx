"use client";

/** A question answered by one of a few radio buttons, each with a bold answer and its explanation. */
export function RadioQuestion<Value extends string>({
  name,
  legend,
  choices,
  value,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  choices: readonly { value: Value; label: string; help: string }[];
  value: Value | undefined;
  onChange: (value: Value) => void;
  error?: string;
}) {
  return (
    <fieldset className="space-y-1" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={choice.value}
            className="mt-1"
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>
            <strong>{choice.label}</strong> — {choice.help}
          </span>
        </label>
      ))}
      {error ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
