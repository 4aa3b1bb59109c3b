using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore memory encrypted only with an AWS-managed key.</summary>
public sealed class MemoryWithoutCustomerKey : MemoryCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-004",
        Title = "AgentCore memory without a customer managed KMS key",
        Service = "AgentCore",
        Severity = Severity.Medium,
        ResourceType = "AWS::BedrockAgentCore::Memory",
        Description = "Reads every memory in the scanned regions (ListMemories, then GetMemory) and fails each one without an "
            + "encryptionKeyArn, meaning its events and extracted long-term records are encrypted with an AWS-managed key.",
        Rationale = "Agent memory holds conversation history, user preferences and facts extracted from them: personal data "
            + "by design. With a customer managed key, reading it also needs kms:Decrypt on a key you control, every use is "
            + "logged, and disabling the key cuts off access at once in an incident.",
        CommonCauses =
        [
            "The memory was created with the defaults, which use an AWS-managed key.",
            "The encryption key cannot be added later, so early memories kept the default.",
        ],
        Recommendation = "Create a replacement memory with a customer managed KMS key (the key cannot be set on an existing memory) and move the agents to it.",
        Remediation = new(
            Cli: """
                aws bedrock-agentcore-control create-memory --region {region} --name {memory_with_key} --event-expiry-duration {expiry_days:raw} --encryption-key-arn <KMS_KEY_ARN>
                # Point agents at the new memory, then delete the old one:
                aws bedrock-agentcore-control delete-memory --region {region} --memory-id {memory_id}
                """,
            Terraform: """
                resource "aws_bedrockagentcore_memory" "{memory:id}" {
                  region                = {region}
                  name                  = {memory}
                  event_expiry_duration = {expiry_days:raw}
                  encryption_key_arn    = "<KMS_KEY_ARN>"
                }
                """,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory-encryption.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<AgentCoreMemory> memory, CheckContext context, Verdict verdict)
    {
        var m = memory.Resource;
        if (!string.IsNullOrEmpty(m.EncryptionKeyArn)) return;
        verdict.Fail(m.Arn, memory.Region, $"Memory {m.Name} is encrypted with an AWS-managed key, not a customer managed KMS key.",
            new SlotValues()
                .With("memory", m.Name)
                .With("memory_id", m.Id)
                .With("memory_with_key", $"{m.Name}_cmk")
                .With("expiry_days", (m.EventExpiryDuration ?? 90).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
