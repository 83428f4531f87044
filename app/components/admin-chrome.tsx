/**
 * Toasts and confirmation dialogs, drawn by whoever owns the chrome: App Bridge inside the Shopify
 * admin (its toast and modal render outside our iframe), Polaris in the demo store, where App
 * Bridge is not loaded. Pages call `useToast()` and `<ConfirmDialog>` and never ask which.
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Modal as AppBridgeModal, TitleBar } from "@shopify/app-bridge-react";
import { Frame, Modal as PolarisModal, Text, Toast } from "@shopify/polaris";

type Chrome = "embedded" | "demo";
type ShowToast = (message: string, options?: { isError?: boolean }) => void;

const ChromeContext = createContext<Chrome>("demo");
const DemoToastContext = createContext<ShowToast>(() => undefined);

export function AdminChrome({ chrome, children }: { chrome: Chrome; children: ReactNode }) {
  if (chrome === "embedded") return <ChromeContext.Provider value="embedded">{children}</ChromeContext.Provider>;
  return (
    <ChromeContext.Provider value="demo">
      <DemoToasts>{children}</DemoToasts>
    </ChromeContext.Provider>
  );
}

function DemoToasts({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<{ id: number; message: string; isError: boolean } | null>(null);
  const show = useCallback<ShowToast>((message, options) => setToast({ id: Date.now(), message, isError: Boolean(options?.isError) }), []);
  return (
    <Frame>
      <DemoToastContext.Provider value={show}>{children}</DemoToastContext.Provider>
      {toast ? <Toast key={toast.id} content={toast.message} error={toast.isError} onDismiss={() => setToast(null)} /> : null}
    </Frame>
  );
}

export function useToast(): ShowToast {
  const chrome = useContext(ChromeContext);
  const demo = useContext(DemoToastContext);
  return chrome === "embedded" ? embeddedToast : demo;
}

// App Bridge's `shopify` global exists only where its script loaded, that is, inside the admin.
const embeddedToast: ShowToast = (message, options) => {
  shopify.toast.show(message, { isError: options?.isError });
};

type ConfirmDialogProps = {
  id: string;
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

/** A destructive confirmation: Cancel, and a critical-toned confirm button. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const chrome = useContext(ChromeContext);
  if (chrome === "embedded") {
    return (
      <AppBridgeModal id={props.id} open={props.open} onHide={props.onClose} variant="small">
        <p style={{ padding: "var(--p-space-400)" }}>{props.body}</p>
        <TitleBar title={props.title}>
          <button variant="primary" tone="critical" onClick={props.onConfirm} disabled={props.busy}>
            {props.confirmLabel}
          </button>
          <button onClick={props.onClose}>Cancel</button>
        </TitleBar>
      </AppBridgeModal>
    );
  }
  return (
    <PolarisModal
      open={props.open}
      onClose={props.onClose}
      title={props.title}
      primaryAction={{ content: props.confirmLabel, destructive: true, onAction: props.onConfirm, loading: props.busy }}
      secondaryActions={[{ content: "Cancel", onAction: props.onClose }]}
    >
      <PolarisModal.Section>
        <Text as="p">{props.body}</Text>
      </PolarisModal.Section>
    </PolarisModal>
  );
}
