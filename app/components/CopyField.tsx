import { useRef, useState } from "react";
import { Button, TextField } from "@shopify/polaris";
import { ClipboardIcon } from "@shopify/polaris-icons";

type Props = { label: string; value: string; labelHidden?: boolean; monospaced?: boolean };

/**
 * A read-only field with a Copy button. Clipboard access can be refused (inside the admin iframe,
 * or without a secure context); then the text is selected so Ctrl+C / ⌘C copies it.
 */
export function CopyField({ label, value, labelHidden, monospaced = true }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "select">("idle");
  const wrapper = useRef<HTMLDivElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
      setTimeout(() => setState("idle"), 2000);
    } catch {
      // Refused by the browser: fall back to a selection the person copies themselves.
      wrapper.current?.querySelector("input")?.select();
      setState("select");
    }
  }

  return (
    <div ref={wrapper}>
      <TextField
        label={label}
        labelHidden={labelHidden}
        value={value}
        readOnly
        monospaced={monospaced}
        selectTextOnFocus
        autoComplete="off"
        helpText={state === "select" ? "Press Ctrl+C (⌘C on a Mac) to copy the selected text." : undefined}
        connectedRight={
          <Button icon={ClipboardIcon} onClick={copy} accessibilityLabel={`Copy ${label}`}>
            {state === "copied" ? "Copied" : "Copy"}
          </Button>
        }
      />
    </div>
  );
}
