using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>A TCP port whose exposure to the whole internet a check reports, and how bad that is.</summary>
public sealed record ExposedPort(int Port, string Service, Severity Severity);

/// <summary>
/// "Port P open to the internet" for security groups: one finding per inbound rule whose source is
/// 0.0.0.0/0 or ::/0 and whose protocol and port range cover a listed port (a rule for all protocols,
/// or tcp 0-65535, covers every port). Every security group the account owns is evaluated, as the CIS
/// audit does, attached or not: an unused group with an open rule exposes whatever is attached to it
/// next. A group attached to no network interface is reported one severity step lower.
/// </summary>
public abstract class InternetIngressCheck : Check
{
    private const string DocUrl = "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html";

    private const string RevokeCli = """
        aws ec2 revoke-security-group-ingress --region {region} --group-id {group_id} --ip-permissions {open_permission}
        # Then allow only trusted sources, if the service must stay reachable at all:
        aws ec2 authorize-security-group-ingress --region {region} --group-id {group_id} --ip-permissions {trusted_permission}
        """;

    private const string TrustedRule = """
        # Delete the rule that allows {source} (an aws_vpc_security_group_ingress_rule, or an ingress block of the
        # aws_security_group), then allow only trusted sources:
        resource "aws_vpc_security_group_ingress_rule" "{rule_name:id}" {
          security_group_id = {group_id}
        <<PORTS>>
          cidr_ipv4         = "<TRUSTED_CIDR>"
        }
        """;

    protected static readonly RemediationTemplate RestrictPortRule = new(
        Cli: RevokeCli,
        Terraform: TrustedRule.Replace("<<PORTS>>", """
              ip_protocol       = {protocol}
              from_port         = {from_port:raw}
              to_port           = {to_port:raw}
            """.TrimEnd(), StringComparison.Ordinal),
        DocUrl: DocUrl,
        Effort: Effort.Low) { When = "the rule opens a port range of one protocol" };

    protected static readonly RemediationTemplate RestrictAllTrafficRule = new(
        Cli: RevokeCli,
        Terraform: TrustedRule.Replace("<<PORTS>>", "  ip_protocol       = \"-1\"", StringComparison.Ordinal),
        DocUrl: DocUrl,
        Effort: Effort.Low) { When = "the rule allows every protocol and port" };

    /// <summary>The ports this check reports.</summary>
    protected abstract IReadOnlyList<ExposedPort> Ports { get; }

    /// <summary>How bad a rule for every protocol is on its own, or null when it counts only through the listed ports.</summary>
    protected virtual Severity? AllTrafficSeverity => null;

    public override IReadOnlyList<ApiCall> Reads { get; } =
        [Ec2Calls.DescribeSecurityGroups, Ec2Calls.DescribeSecurityGroupRules, Ec2Calls.DescribeNetworkInterfaces];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.SecurityGroups(region), out var allGroups) || !verdict.Read(vpc.SecurityGroupRules(region), out var rules))
                continue;
            var groups = allGroups.Where(g => g.OwnerId is null || g.OwnerId == context.AccountId).ToDictionary(g => g.GroupId);
            foreach (var id in groups.Keys) verdict.Scanned(id);
            // Attachments only set the severity and the message; the finding stands without them.
            var interfaces = vpc.NetworkInterfaces(region).Value;
            foreach (var rule in rules.Where(r => !r.Egress && groups.ContainsKey(r.GroupId)))
            {
                var source = rule.CidrIpv4 ?? rule.CidrIpv6;
                if (!Cidr.IsWholeInternet(source))
                    continue;
                var exposed = Ports.Where(p => IpProtocol.CoversTcpPort(rule.IpProtocol, rule.FromPort, rule.ToPort, p.Port)).ToList();
                var allTraffic = IpProtocol.IsAll(rule.IpProtocol);
                var severity = allTraffic && AllTrafficSeverity is { } all ? all
                    : exposed.Count > 0 ? exposed.Min(p => p.Severity) : (Severity?)null;
                if (severity is not { } level)
                    continue;
                var group = groups[rule.GroupId];
                var users = interfaces?.Where(i => (i.Groups ?? []).Any(g => g.GroupId == group.GroupId)).ToList();
                if (users is { Count: 0 })
                    level = OneStepLower(level);
                verdict.Fail($"{group.GroupId}/{rule.SecurityGroupRuleId}", region,
                    $"Security group {group.Label} in {group.VpcId} allows {RuleText(rule, exposed)} from {source} "
                    + $"(rule {rule.SecurityGroupRuleId}); {AttachmentText(users)}.",
                    Slots(group, rule, source!), resourceType: "AWS::EC2::SecurityGroup", severity: level,
                    remediation: allTraffic ? RestrictAllTrafficRule : RestrictPortRule);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("the account owns no security groups in the scanned regions");
    }

    private static string RuleText(SecurityGroupRule rule, IReadOnlyList<ExposedPort> exposed)
    {
        if (IpProtocol.IsAll(rule.IpProtocol))
            return "all traffic";
        var range = rule.FromPort == rule.ToPort ? $"{rule.IpProtocol} {rule.FromPort}" : $"{rule.IpProtocol} {rule.FromPort}-{rule.ToPort}";
        return rule.FromPort == rule.ToPort
            ? $"{exposed[0].Service} ({range})"
            : $"{range}, which covers {string.Join(", ", exposed.Select(p => $"{p.Service} ({p.Port})"))}";
    }

    private static string AttachmentText(List<NetworkInterface>? users) => users switch
    {
        null => "whether anything uses the group is unknown (network interfaces unreadable)",
        { Count: 0 } => "no network interface uses the group yet, so the exposure waits for the next resource given it (severity lowered one step)",
        _ => $"used by {users.Count} network interface(s): {string.Join(", ", users.Take(3).Select(u => u.Owner))}{(users.Count > 3 ? ", and others" : "")}",
    };

    private static SlotValues Slots(Ec2SecurityGroup group, SecurityGroupRule rule, string source)
    {
        var allTraffic = IpProtocol.IsAll(rule.IpProtocol);
        var from = (rule.FromPort ?? -1).ToString(CultureInfo.InvariantCulture);
        var to = (rule.ToPort ?? -1).ToString(CultureInfo.InvariantCulture);
        var ports = allTraffic ? "" : $",\"FromPort\":{from},\"ToPort\":{to}";
        var range = Cidr.IsIpv6(source) ? $"\"Ipv6Ranges\":[{{\"CidrIpv6\":\"{source}\"}}]" : $"\"IpRanges\":[{{\"CidrIp\":\"{source}\"}}]";
        return new SlotValues()
            .With("group_id", group.GroupId)
            .With("source", source)
            .With("protocol", rule.IpProtocol ?? "-1")
            .With("from_port", from)
            .With("to_port", to)
            .With("rule_name", allTraffic ? $"{group.GroupId}_all_trusted" : $"{group.GroupId}_{rule.IpProtocol}_{from}_{to}_trusted")
            .With("open_permission", $"[{{\"IpProtocol\":\"{rule.IpProtocol}\"{ports},{range}}}]")
            .With("trusted_permission", $"[{{\"IpProtocol\":\"{rule.IpProtocol}\"{ports},\"IpRanges\":[{{\"CidrIp\":\"<TRUSTED_CIDR>\"}}]}}]");
    }

    private static Severity OneStepLower(Severity severity) => severity == Severity.Info ? severity : severity + 1;
}
