-- Cases name their procedure instead of a variant letter; the two existing variants map onto the new-CA procedure.
CREATE TYPE "Procedure" AS ENUM ('TENANT_CLIENT_NEW_CA_BOTH', 'TENANT_CLIENT_NEW_CA_DOWNTIME', 'TENANT_CLIENT_SAME_CA_BOTH', 'TENANT_CLIENT_SAME_CA_DOWNTIME', 'RECEIVER_SERVER', 'LOAD_BALANCER_SERVER', 'SENDER_CLIENT');

-- The roles the sibling procedures need.
ALTER TYPE "ParticipantRole" ADD VALUE 'SENDER_ADMIN';
ALTER TYPE "ParticipantRole" ADD VALUE 'LOAD_BALANCER_ADMIN';

ALTER TABLE "Case"
ADD COLUMN     "cutOverAt" TIMESTAMP(3),
ADD COLUMN     "procedure" "Procedure",
ALTER COLUMN "keystoreAlias" DROP NOT NULL;

UPDATE "Case" SET "procedure" = CASE "variant"
  WHEN 'A' THEN 'TENANT_CLIENT_NEW_CA_BOTH'::"Procedure"
  ELSE 'TENANT_CLIENT_NEW_CA_DOWNTIME'::"Procedure"
END;

ALTER TABLE "Case" ALTER COLUMN "procedure" SET NOT NULL, DROP COLUMN "variant";

DROP TYPE "Variant";
