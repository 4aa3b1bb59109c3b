using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>CIS v3 5.4 / v5 5.5: the default security group of every VPC has no rules at all.</summary>
public sealed class DefaultSecurityGroupOpen : Check
{
    private const string DocUrl = "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html";

    private const string RevokeIngress =
        "aws ec2 revoke-security-group-ingress --region {region} --group-id {group_id} --security-group-rule-ids {ingress_rule_ids}";

    private const string RevokeEgress =
        "aws ec2 revoke-security-group-egress --region {region} --group-id {group_id} --security-group-rule-ids {egress_rule_ids}";

    private static RemediationTemplate Fix(string cli, string when) => new(
        Cli: "# Move anything that relies on these rules to its own security group first.\n" + cli,
        Terraform: """
            # Adopting the default security group with no ingress or egress blocks removes all of its rules.
            resource "aws_default_security_group" "{group_id:id}" {
              vpc_id = {vpc_id}
            }
            """,
        DocUrl: DocUrl,
        Effort: Effort.Low) { When = when };

    private static readonly RemediationTemplate RevokeBoth = Fix(RevokeIngress + "\n" + RevokeEgress, "the group has inbound and outbound rules");
    private static readonly RemediationTemplate RevokeInboundOnly = Fix(RevokeIngress, "the group has inbound rules only");
    private static readonly RemediationTemplate RevokeOutboundOnly = Fix(RevokeEgress, "the group has outbound rules only");

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-005",
        Title = "Default security group has rules",
        Service = "VPC",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::SecurityGroup",
        Description = "Finds the security group named \"default\" of every VPC the account owns in the scanned regions "
            + "(DescribeSecurityGroups) and fails it when it has any inbound or outbound rule (DescribeSecurityGroupRules). "
            + "AWS creates it with a rule admitting its own members and a rule allowing all outbound traffic; CIS asks for "
            + "both to be removed. The finding says how many network interfaces still use the group.",
        Rationale = "Anything launched without an explicit security group gets the default one. While it has rules, such "
            + "resources can talk to each other on every port and reach anywhere outbound, so a forgotten test instance "
            + "becomes a pivot into everything else in the group. An empty default group makes every omission fail "
            + "closed and forces purpose-built groups.",
        CommonCauses =
        [
            "The rules AWS creates with every VPC were never removed.",
            "Resources were launched into the default group and rules were added to make them work.",
        ],
        Recommendation = "Remove every rule from the default security group and give resources purpose-built groups.",
        Remediation = RevokeBoth,
        RemediationVariants = [RevokeInboundOnly, RevokeOutboundOnly],
        Compliance = Cis.Refs(v3: "5.4", v5: "5.5"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [Ec2Calls.DescribeSecurityGroups, Ec2Calls.DescribeSecurityGroupRules, Ec2Calls.DescribeNetworkInterfaces];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.SecurityGroups(region), out var groups))
                continue;
            var defaults = groups.Where(g => g.IsDefault && g.VpcId is not null && (g.OwnerId is null || g.OwnerId == context.AccountId)).ToList();
            if (defaults.Count == 0 || !verdict.Read(vpc.SecurityGroupRules(region), out var rules))
                continue;
            var interfaces = vpc.NetworkInterfaces(region).Value;
            foreach (var group in defaults)
            {
                verdict.Scanned(group.GroupId);
                var own = rules.Where(r => r.GroupId == group.GroupId).ToList();
                var inbound = own.Where(r => !r.Egress).ToList();
                var outbound = own.Where(r => r.Egress).ToList();
                if (own.Count == 0)
                    continue;
                var users = interfaces?.Count(i => (i.Groups ?? []).Any(g => g.GroupId == group.GroupId));
                var use = users switch
                {
                    null => "",
                    0 => "; no network interface uses it",
                    _ => $"; {users} network interface(s) still use it and lose that traffic when the rules go",
                };
                verdict.Fail(group.GroupId, region,
                    $"Default security group {group.GroupId} of {group.VpcId} has {inbound.Count} inbound and {outbound.Count} outbound rule(s){use}.",
                    new SlotValues()
                        .With("group_id", group.GroupId)
                        .With("vpc_id", group.VpcId!)
                        .With("ingress_rule_ids", RuleIds(inbound))
                        .With("egress_rule_ids", RuleIds(outbound)),
                    remediation: inbound.Count == 0 ? RevokeOutboundOnly : outbound.Count == 0 ? RevokeInboundOnly : RevokeBoth);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no VPC default security group in the scanned regions");
    }

    /// <summary>Rule IDs as the JSON list the CLI accepts for a list parameter: one shell word.</summary>
    private static string RuleIds(IEnumerable<SecurityGroupRule> rules) =>
        new JsonArray(rules.Select(r => (JsonNode?)JsonValue.Create(r.SecurityGroupRuleId)).ToArray()).ToJsonString();
}
