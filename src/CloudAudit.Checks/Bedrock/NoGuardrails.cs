using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Bedrock;

/// <summary>A region where Bedrock is in use has no guardrail.</summary>
public sealed class NoGuardrails : Check
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-bedrock-002",
        Title = "Bedrock used without guardrails",
        Service = "Bedrock",
        Severity = Severity.Medium,
        ResourceType = "AWS::Bedrock::Guardrail",
        Description = "Judges the scanned regions where Bedrock is in use: models were invoked there in the past two weeks "
            + "(CloudWatch lists the AWS/Bedrock Invocations metric) or the region has Bedrock agents (ListAgents). Such a "
            + "region fails when ListGuardrails returns no guardrail. Regions without Bedrock activity are not in scope. A "
            + "guardrail protects only the calls that name it, which the control plane cannot show.",
        Rationale = "Guardrails filter prompt injection and jailbreak attempts, block harmful content, and redact personal data "
            + "before it reaches a model or a user. Without any guardrail, every safeguard depends on each application's own "
            + "prompt handling, and an agent with tools can be talked into using them against the account.",
        CommonCauses =
        [
            "Applications call models directly and rely on the model's built-in refusals.",
            "Guardrails were evaluated in a sandbox account but never created in production.",
            "A new region was adopted for a model that is only offered there.",
        ],
        Recommendation = "Create a guardrail with prompt-attack, content and sensitive-information filters, and pass it on every InvokeModel, Converse and agent call.",
        Remediation = new(
            Cli: """
                aws bedrock create-guardrail --region {region} --name baseline --blocked-input-messaging "This request was blocked by policy." --blocked-outputs-messaging "This response was blocked by policy." --content-policy-config '{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"HIGH","outputStrength":"NONE"},{"type":"MISCONDUCT","inputStrength":"HIGH","outputStrength":"HIGH"}]}' --sensitive-information-policy-config '{"piiEntitiesConfig":[{"type":"AWS_SECRET_KEY","action":"BLOCK"}]}'
                """,
            Terraform: """
                resource "aws_bedrock_guardrail" "baseline_{region:id}" {
                  region                    = {region}
                  name                      = "baseline"
                  blocked_input_messaging   = "This request was blocked by policy."
                  blocked_outputs_messaging = "This response was blocked by policy."

                  content_policy_config {
                    filters_config {
                      type            = "PROMPT_ATTACK"
                      input_strength  = "HIGH"
                      output_strength = "NONE"
                    }
                    filters_config {
                      type            = "MISCONDUCT"
                      input_strength  = "HIGH"
                      output_strength = "HIGH"
                    }
                  }

                  sensitive_information_policy_config {
                    pii_entities_config {
                      type   = "AWS_SECRET_KEY"
                      action = "BLOCK"
                    }
                  }
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html",
            Effort: Effort.Medium),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [BedrockCalls.ListInvocationMetrics, BedrockCalls.ListAgents, BedrockCalls.ListGuardrails];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var bedrock = context.Data.Bedrock();
        foreach (var region in context.Regions)
        {
            if (!verdict.Accept(bedrock.Usage(region), out var usage) || !usage.Used) continue;
            if (!verdict.Accept(bedrock.Guardrails(region), out var guardrails)) continue;
            verdict.Scanned($"arn:{context.Partition}:bedrock:{region}:{context.AccountId}:guardrail");
            if ((guardrails.Guardrails ?? []).Count > 0) continue;
            verdict.Fail($"arn:{context.Partition}:bedrock:{region}:{context.AccountId}:guardrail", region,
                $"Bedrock is in use in {region} ({usage.Evidence}) but the region has no guardrail.");
        }
        verdict.NotApplicable("Bedrock is not in use in any scanned region (no recent model invocations and no agents)");
    }
}
