using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore agent runtime whose metadata service accepts unauthenticated (v1) requests.</summary>
public sealed class RuntimeWithoutMmdsV2 : AgentRuntimeCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-003",
        Title = "AgentCore runtime does not require MMDSv2",
        Service = "AgentCore",
        Severity = Severity.High,
        ResourceType = "AWS::BedrockAgentCore::Runtime",
        Description = "Reads every agent runtime in the scanned regions and fails each one whose "
            + "metadataConfiguration.requireMMDSV2 is not true, so the runtime's microVM metadata service also answers "
            + "session-less (version 1) requests.",
        Rationale = "The metadata service hands out the runtime role's credentials. With version 1 allowed, a single "
            + "server-side request forgery (an agent tool fetching a URL an attacker chose) is enough to read them; version 2 "
            + "requires a session token obtained with a PUT request, which such tools cannot send.",
        CommonCauses =
        [
            "requireMMDSV2 is not set by default and was added to the API after most runtimes were created.",
            "Infrastructure code and the Terraform provider do not expose the setting yet.",
        ],
        Recommendation = "Set requireMMDSV2 to true on every agent runtime.",
        Remediation = new(
            Cli: ReviseCli("", ".metadataConfiguration = {requireMMDSV2: true}"),
            Terraform: """
                # The AWS provider's aws_bedrockagentcore_agent_runtime has no argument for requireMMDSV2 yet:
                # keep the runtime in Terraform and set the flag with the CLI command after each apply.
                """ + "\n" + RuntimeInVpc,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/API_RuntimeMetadataConfiguration.html",
            Effort: Effort.Low),
    };

    protected override void Judge(Located<AgentRuntime> runtime, CheckContext context, Verdict verdict)
    {
        var r = runtime.Resource;
        if (r.MetadataConfiguration?.RequireMmdsV2 == true) return;
        verdict.Fail(r.AgentRuntimeArn, runtime.Region,
            $"Agent runtime {r.AgentRuntimeName} does not require MMDSv2: its metadata service answers session-less requests for the role's credentials.",
            Slots(r));
    }
}
