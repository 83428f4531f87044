import { useRef, useState, type RefObject } from "react";
import { BlockStack, Box, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { ClipboardIcon } from "@shopify/polaris-icons";

type CopyState = "idle" | "copied" | "select";

/**
 * Copies `text`. Clipboard access can be refused (inside the admin iframe, or without a secure
 * context); then the text is selected so Ctrl+C / ⌘C copies it, and the caller shows a hint.
 */
function useCopy(text: string, select: () => void) {
  const [state, setState] = useState<CopyState>("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
      setTimeout(() => setState("idle"), 2000);
    } catch {
      // Refused by the browser: fall back to a selection the person copies themselves.
      select();
      setState("select");
    }
  }
  return { state, copy };
}

const SELECT_HINT = "Press Ctrl+C (⌘C on a Mac) to copy the selected text.";

type Props = { label: string; value: string; labelHidden?: boolean; monospaced?: boolean };

/** A read-only field with a Copy button. */
export function CopyField({ label, value, labelHidden, monospaced = true }: Props) {
  const wrapper = useRef<HTMLDivElement>(null);
  const { state, copy } = useCopy(value, () => wrapper.current?.querySelector("input")?.select());
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
        helpText={state === "select" ? SELECT_HINT : undefined}
        connectedRight={
          <Button icon={ClipboardIcon} onClick={copy} accessibilityLabel={`Copy ${label}`}>
            {state === "copied" ? "Copied" : "Copy"}
          </Button>
        }
      />
    </div>
  );
}

/** A multi-line snippet (a command, a JSON file) with a Copy button. */
export function CopySnippet({ label, value }: { label: string; value: string }) {
  const block = useRef<HTMLPreElement>(null);
  const { state, copy } = useCopy(value, () => selectContents(block));
  return (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center">
        <Text as="span" fontWeight="semibold">
          {label}
        </Text>
        <Button icon={ClipboardIcon} onClick={copy} accessibilityLabel={`Copy ${label}`}>
          {state === "copied" ? "Copied" : "Copy"}
        </Button>
      </InlineStack>
      <Box background="bg-surface-secondary" padding="300" borderRadius="200">
        <pre ref={block} tabIndex={0} style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-all", fontFamily: "var(--p-font-family-mono)", fontSize: "var(--p-font-size-300)" }}>
          {value}
        </pre>
      </Box>
      {state === "select" ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {SELECT_HINT}
        </Text>
      ) : null}
    </BlockStack>
  );
}

function selectContents(element: RefObject<HTMLElement | null>) {
  const selection = window.getSelection();
  if (!element.current || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(element.current);
  selection.removeAllRanges();
  selection.addRange(range);
}
