import type { StepDefinition } from "@/lib/workflow";
import { CertificateUploadForm } from "@/components/certificates/certificate-upload-form";
import { CompleteStepForm } from "./complete-step-form";

/** The form a ready step offers to the person who may complete it: the step's own input, or a plain confirmation. */
export function StepAction({ caseId, step }: { caseId: string; step: StepDefinition }) {
  if (step.key === "create-certificate") return <CertificateUploadForm caseId={caseId} />;
  return <CompleteStepForm caseId={caseId} stepNumber={step.number} />;
}
