"use client";

import { useActionState, useState } from "react";
import { createCaseAction } from "@/lib/workflow/actions";
import {
  procedureForFields,
  proposeProcedure,
  rolesOf,
  ROLE_FIELD,
  ROLE_LABEL,
  stepTaking,
  workflowFor,
  type RenewalAnswers,
} from "@/lib/workflow";
import { PEER_LABEL } from "@/lib/workflow/labels";
import { ProcedureChooser } from "./new-case/procedure-chooser";
import { Field, buttonClass, inputClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { submittedValues } from "@/lib/actions/result";

interface Props {
  workspaces: { id: string; name: string }[];
  defaultTenantAdmin: string;
  /** "Start a renewal" from a certificate in use: its case's facts, and the certificate as the old one. */
  renewal?: {
    /** Where the old certificate comes from: a certificate of a case, or a tenant's keystore entry. */
    source: { field: "oldCertificateId" | "fromTenantEntry"; id: string };
    subject: string;
    values: Record<string, string>;
  };
  /** The connected tenants of those workspaces. */
  tenants?: { id: string; name: string; workspaceName: string }[];
}

export function NewCaseForm({ workspaces, defaultTenantAdmin, renewal, tenants = [] }: Props) {
  const [state, action, pending] = useActionState(createCaseAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? submittedValues(state) : (renewal?.values ?? {});
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const [answers, setAnswers] = useState<Partial<RenewalAnswers>>({
    keyOwner: (values.keyOwner as RenewalAnswers["keyOwner"] | undefined) ?? "tenant",
    caChanges: (values.caChanges as RenewalAnswers["caChanges"] | undefined) ?? "yes",
    acceptsBoth: values.acceptsBoth as RenewalAnswers["acceptsBoth"] | undefined,
  });
  const proposed = proposeProcedure(answers);
  const definition = workflowFor(procedureForFields(answers)!);
  const purpose = definition.certificate.purpose;
  const receiverSide = definition.peer === "receiver";

  return (
    <form action={action} className="space-y-6" noValidate>
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {renewal ? (
        <Notice tone="info">
          Renewing <strong>{renewal.subject}</strong>: it becomes the old certificate of this case, and the fields are
          taken from {renewal.source.field === "fromTenantEntry" ? "the tenant's keystore entry" : "its case"}. Check
          them.
          <input type="hidden" name={renewal.source.field} value={renewal.source.id} />
        </Notice>
      ) : null}

      <ProcedureChooser answers={answers} onChange={setAnswers} proposed={proposed} errors={errors} />

      <fieldset className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">The connection</legend>
        {workspaces.length > 1 ? (
          <Field id="workspaceId" label="Workspace" error={errors.workspaceId}>
            <select
              id="workspaceId"
              name="workspaceId"
              className={inputClass}
              defaultValue={values.workspaceId}
              {...invalid("workspaceId")}
            >
              {workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <input type="hidden" name="workspaceId" value={workspaces[0]?.id ?? ""} />
        )}
        <Field
          id="title"
          label="Title"
          help="For example “ERP orders outbound: new client certificate 2027”."
          error={errors.title}
        >
          <input
            id="title"
            name="title"
            defaultValue={values.title ?? ""}
            className={inputClass}
            {...invalid("title")}
          />
        </Field>
        <Field
          id="receiverSystem"
          label={PEER_LABEL[definition.peer]}
          help={
            receiverSide
              ? "The server the integration flows call over HTTPS."
              : "The system that calls the tenant over HTTPS (through SAP's load balancer)."
          }
          error={errors.receiverSystem}
        >
          <input
            id="receiverSystem"
            name="receiverSystem"
            defaultValue={values.receiverSystem ?? ""}
            className={inputClass}
            {...invalid("receiverSystem")}
          />
        </Field>
        <Field
          id="operatingModel"
          label="Operating model"
          help="Who performs the tenant administrator and integration developer steps."
          error={errors.operatingModel}
        >
          <select
            id="operatingModel"
            name="operatingModel"
            className={inputClass}
            defaultValue={values.operatingModel ?? ""}
            {...invalid("operatingModel")}
          >
            <option value="" disabled>
              Choose…
            </option>
            <option value="CUSTOMER_MANAGED">Customer-managed (the customer does them)</option>
            <option value="SAP_MANAGED">SAP-managed (SAP does them)</option>
          </select>
        </Field>
        {stepTaking(definition, "receiver-checklist") ? (
          <Field
            id="receiverLandscape"
            label="Receiver landscape"
            help="Chooses the receiver administrator's checklist."
            error={errors.receiverLandscape}
          >
            <select
              id="receiverLandscape"
              name="receiverLandscape"
              className={inputClass}
              defaultValue={values.receiverLandscape ?? "GENERIC_HTTPS"}
            >
              <option value="GENERIC_HTTPS">Generic HTTPS server</option>
              <option value="SAP_WEB_DISPATCHER_ABAP">SAP Web Dispatcher in front of an AS ABAP back end</option>
              <option value="CUSTOM">Custom (the receiver administrator writes the list)</option>
            </select>
          </Field>
        ) : null}
        {definition.usesKeystoreAlias ? (
          <Field
            id="keystoreAlias"
            label="Keystore alias"
            help="The alias of the client key pair in the tenant keystore. It stays the same after the renewal."
            error={errors.keystoreAlias}
          >
            <input
              id="keystoreAlias"
              name="keystoreAlias"
              defaultValue={values.keystoreAlias ?? ""}
              className={inputClass}
              {...invalid("keystoreAlias")}
            />
          </Field>
        ) : null}
        {tenants.length > 0 && stepTaking(definition, "keystore-alias") ? (
          <Field
            id="tenantId"
            label="Integration tenant"
            help="A connected tenant: Renewal Desk then checks its keystore when the keystore step is confirmed."
            error={errors.tenantId}
          >
            <select
              id="tenantId"
              name="tenantId"
              className={inputClass}
              defaultValue={values.tenantId ?? ""}
              {...invalid("tenantId")}
            >
              <option value="">None (the tenant administrator confirms the keystore step alone)</option>
              {tenants.map((tenant) => (
                <option key={tenant.id} value={tenant.id}>
                  {workspaces.length > 1 ? `${tenant.name} (${tenant.workspaceName})` : tenant.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {definition.usesFlows && receiverSide ? (
          <Field
            id="runtimeNodes"
            label="Runtime nodes"
            help="One per line. Flows must be restarted on every node."
            error={errors.runtimeNodes}
          >
            <textarea
              id="runtimeNodes"
              name="runtimeNodes"
              defaultValue={values.runtimeNodes ?? ""}
              rows={2}
              className={inputClass}
              {...invalid("runtimeNodes")}
            />
          </Field>
        ) : null}
        {definition.usesFlows ? (
          <Field
            id="integrationFlows"
            label="Integration flows"
            help={
              receiverSide
                ? "One per line: the flows that call the receiver over HTTPS with this certificate."
                : "One per line: the flows whose sender channels accept this sender's certificate."
            }
            error={errors.integrationFlows}
          >
            <textarea
              id="integrationFlows"
              name="integrationFlows"
              defaultValue={values.integrationFlows ?? ""}
              rows={2}
              className={inputClass}
              {...invalid("integrationFlows")}
            />
          </Field>
        ) : null}
      </fieldset>

      <fieldset className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">The people</legend>
        <p className="text-sm text-slate-600">
          E-mail addresses, separated by commas or new lines. One person may hold several roles. People without an
          account are invited and see only this case.
        </p>
        {rolesOf(definition).map((role) => {
          const name = ROLE_FIELD[role];
          return (
            <Field key={role} id={name} label={`${ROLE_LABEL[role]}(s)`} error={errors[name]}>
              <input
                id={name}
                name={name}
                defaultValue={values[name] ?? (role === "TENANT_ADMIN" ? defaultTenantAdmin : "")}
                className={inputClass}
                {...invalid(name)}
              />
            </Field>
          );
        })}
      </fieldset>

      <fieldset className="space-y-4 rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">The certificate being replaced (optional, recommended)</legend>
        <p className="text-sm text-slate-600">
          With the old {purpose} certificate and its root, Renewal Desk can check that the new certificate really has a
          new key pair and the CA this procedure expects, and warn when the subject changes. Certificates only: never
          upload a private key.
        </p>
        <Field id="oldLeaf" label={`Old ${purpose} certificate`} error={errors.oldLeaf}>
          <input
            id="oldLeaf"
            name="oldLeafFile"
            type="file"
            accept=".pem,.crt,.cer,.der,.p7b,.p7c"
            className="block text-sm"
            {...invalid("oldLeaf")}
          />
        </Field>
        <Field id="oldRoot" label="Old root CA certificate" error={errors.oldRoot}>
          <input
            id="oldRoot"
            name="oldRootFile"
            type="file"
            accept=".pem,.crt,.cer,.der,.p7b,.p7c"
            className="block text-sm"
            {...invalid("oldRoot")}
          />
        </Field>
      </fieldset>

      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Creating…" : "Create case"}
      </button>
    </form>
  );
}
