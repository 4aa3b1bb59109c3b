using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.AgentCore;

/// <summary>An AgentCore agent runtime outside the customer's VPC.</summary>
public sealed class RuntimePublicNetwork : AgentRuntimeCheck
{
    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-agc-002",
        Title = "AgentCore runtime with public network mode",
        Service = "AgentCore",
        Severity = Severity.High,
        ResourceType = "AWS::BedrockAgentCore::Runtime",
        Description = "Reads every agent runtime in the scanned regions (ListAgentRuntimes, then GetAgentRuntime) and fails each "
            + "one whose networkConfiguration.networkMode is PUBLIC rather than VPC.",
        Rationale = "An agent in PUBLIC mode reaches the internet directly, outside the VPC's security groups, network "
            + "firewall, DNS filtering and flow logs. An agent manipulated through its inputs can send the data and tool "
            + "results it handles anywhere, and nothing in the network records it.",
        CommonCauses =
        [
            "PUBLIC is the simplest mode and what getting-started examples use.",
            "The agent calls public APIs and nobody set up NAT or VPC endpoints for it.",
        ],
        Recommendation = "Run the agent runtime in VPC mode in private subnets, with egress through NAT or a firewall and VPC endpoints for AWS services.",
        Remediation = new(
            Cli: ReviseCli("--arg subnet <SUBNET_ID> --arg group <SECURITY_GROUP_ID> ",
                ".networkConfiguration = {networkMode: \"VPC\", networkModeConfig: {subnets: [$subnet], securityGroups: [$group]}} "
                + "| .metadataConfiguration = {requireMMDSV2: true}"),
            Terraform: RuntimeInVpc,
            DocUrl: "https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html",
            Effort: Effort.Medium),
    };

    protected override void Judge(Located<AgentRuntime> runtime, CheckContext context, Verdict verdict)
    {
        var r = runtime.Resource;
        if (r.NetworkConfiguration?.NetworkMode != "PUBLIC") return;
        verdict.Fail(r.AgentRuntimeArn, runtime.Region,
            $"Agent runtime {r.AgentRuntimeName} runs outside any VPC (networkMode PUBLIC).", Slots(r));
    }
}
