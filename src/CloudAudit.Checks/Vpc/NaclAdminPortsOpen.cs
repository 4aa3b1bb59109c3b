using System.Globalization;
using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Vpc;

/// <summary>
/// CIS v3 5.1 / v5 5.2: no network ACL lets the internet reach SSH or RDP. NACL rules are evaluated
/// in rule-number order and the first match decides, so for each port and address family the check
/// looks for the first rule whose source is the whole internet: an ALLOW there exposes the port, a
/// DENY there protects it whatever later rules say. Rules for narrower sources neither expose the
/// port to the internet nor protect it, and are passed over.
/// </summary>
public sealed class NaclAdminPortsOpen : Check
{
    private static readonly (int Port, string Service)[] AdminPorts = [(22, "SSH"), (3389, "RDP")];

    private const string DocUrl = "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html";

    private const string InlineNote =
        "# If the NACL's rules are inline ingress blocks of an aws_network_acl, add the rule there instead.\n";

    /// <summary>An address family: how the CLI and Terraform name a rule's source.</summary>
    private sealed record Family(string Name, string CliFlag, string TerraformArgument);

    /// <summary>The three fixes, for the address family of the allowing rule.</summary>
    private sealed record Fixes(RemediationTemplate DenyBothAhead, RemediationTemplate DenyOneAhead, RemediationTemplate NarrowSource);

    private static readonly Fixes Ipv4 = FixesFor(new Family("IPv4", "--cidr-block", "cidr_block"));
    private static readonly Fixes Ipv6 = FixesFor(new Family("IPv6", "--ipv6-cidr-block", "ipv6_cidr_block"));

    private static Fixes FixesFor(Family family)
    {
        string DenyCli(string rule, string portRange) =>
            $"aws ec2 create-network-acl-entry --region {{region}} --network-acl-id {{acl_id}} --ingress --rule-number {{{rule}:raw}} "
            + $"--protocol tcp --port-range {portRange} {family.CliFlag} {{source}} --rule-action deny";

        string RuleTerraform(string name, string rule, string action, string port, string source) => $$"""
            resource "aws_network_acl_rule" "{acl_id:id}_{{name}}" {
              network_acl_id = {acl_id}
              rule_number    = {{{rule}}:raw}
              egress         = false
              protocol       = "tcp"
              rule_action    = "{{action}}"
              from_port      = {{port}}
              to_port        = {{port}}

              {{family.TerraformArgument}} = {{source}}
            }
            """;

        var suffix = family.Name.ToLowerInvariant();
        return new Fixes(
            new RemediationTemplate(
                Cli: "# Deny SSH and RDP from {source} ahead of rule {rule_number:raw}, which allows them:\n"
                    + DenyCli("ssh_rule", "From=22,To=22") + "\n" + DenyCli("rdp_rule", "From=3389,To=3389"),
                Terraform: InlineNote + RuleTerraform($"deny_22_{suffix}", "ssh_rule", "deny", "22", "{source}") + "\n\n"
                    + RuleTerraform($"deny_3389_{suffix}", "rdp_rule", "deny", "3389", "{source}"),
                DocUrl: DocUrl,
                Effort: Effort.Low) { When = $"the allowing {family.Name} rule covers both SSH and RDP (all traffic or a wide range)" },
            new RemediationTemplate(
                Cli: "# Deny the port from {source} ahead of rule {rule_number:raw}, which allows it:\n" + DenyCli("deny_rule", "{port_range}"),
                Terraform: InlineNote + RuleTerraform("{deny_name:id}", "deny_rule", "deny", "{port:raw}", "{source}"),
                DocUrl: DocUrl,
                Effort: Effort.Low) { When = $"the allowing {family.Name} rule is a range that covers one of the ports" },
            new RemediationTemplate(
                Cli: "# Replace rule {rule_number:raw} with one for trusted sources only:\n"
                    + "aws ec2 replace-network-acl-entry --region {region} --network-acl-id {acl_id} --ingress --rule-number {rule_number:raw} "
                    + $"--protocol tcp --port-range {{port_range}} {family.CliFlag} <TRUSTED_CIDR> --rule-action allow",
                Terraform: InlineNote + RuleTerraform("{rule_name:id}", "rule_number", "allow", "{port:raw}", "\"<TRUSTED_CIDR>\""),
                DocUrl: DocUrl,
                Effort: Effort.Low) { When = $"the allowing {family.Name} rule is for the administration port alone" });
    }

    public override CheckInfo Info { get; } = new()
    {
        Id = "aws-vpc-004",
        Title = "Network ACL allows internet ingress to SSH or RDP",
        Service = "VPC",
        Severity = Severity.Medium,
        ResourceType = "AWS::EC2::NetworkAcl",
        Description = "Reads the network ACLs of every scanned region (DescribeNetworkAcls) that are associated with at "
            + "least one subnet, and evaluates their inbound rules in rule-number order, separately for IPv4 and IPv6: "
            + "for TCP 22 and TCP 3389, the first rule whose source is 0.0.0.0/0 (or ::/0) and whose protocol and port "
            + "range cover the port decides. When it allows, that rule fails (one finding per rule); a lower-numbered "
            + "deny makes later allows irrelevant. Outbound rules are ignored, and so are NACLs attached to no subnet, "
            + "which filter nothing.",
        Rationale = "Network ACLs are the subnet-wide second line behind security groups. When they admit SSH and RDP from "
            + "anywhere, a single security group opened by mistake exposes the instance directly, and nothing at the "
            + "subnet edge stops the internet-wide scanners that look for these ports.",
        CommonCauses =
        [
            "Default NACLs keep their allow-all rule 100, which covers every port.",
            "Ephemeral-port rules (1024-65535) for return traffic also cover 3389, with no deny ahead of them.",
            "IPv6 rules were added with ::/0 mirroring the IPv4 ones, but the IPv4 deny rules were not mirrored.",
        ],
        Recommendation = "Add deny rules for SSH and RDP from the internet ahead of the allowing rule, or narrow the allowing rule to trusted sources.",
        Remediation = Ipv4.DenyBothAhead,
        RemediationVariants = [Ipv4.DenyOneAhead, Ipv4.NarrowSource, Ipv6.DenyBothAhead, Ipv6.DenyOneAhead, Ipv6.NarrowSource],
        Compliance = Cis.Refs(v3: "5.1", v5: "5.2"),
    };

    public override IReadOnlyList<ApiCall> Reads { get; } = [Ec2Calls.DescribeNetworkAcls];

    public override void Evaluate(CheckContext context, Verdict verdict)
    {
        var vpc = context.Data.Vpc();
        foreach (var region in context.Regions)
        {
            if (!verdict.Read(vpc.NetworkAcls(region), out var acls))
                continue;
            foreach (var acl in acls.Where(a => (a.OwnerId is null || a.OwnerId == context.AccountId) && a.Subnets.Any()))
            {
                verdict.Scanned(acl.NetworkAclId);
                foreach (var (entry, ports) in ExposingRules(acl))
                    Report(acl, entry, ports, region, verdict);
            }
        }
        if (verdict.ResourcesScanned == 0)
            verdict.NotApplicable("no network ACL associated with a subnet in the scanned regions");
    }

    /// <summary>The allow rules that decide internet access to an administration port, with the ports they decide.</summary>
    private static Dictionary<NetworkAclEntry, List<(int Port, string Service)>> ExposingRules(NetworkAcl acl)
    {
        var ingress = (acl.Entries ?? []).Where(e => e.Egress != true && Cidr.IsWholeInternet(e.Source))
            .OrderBy(e => e.RuleNumber).ToList();
        var exposing = new Dictionary<NetworkAclEntry, List<(int, string)>>();
        foreach (var ipv6 in new[] { false, true })
            foreach (var admin in AdminPorts)
            {
                var decisive = ingress.FirstOrDefault(e => (e.Ipv6CidrBlock is not null) == ipv6
                    && IpProtocol.CoversTcpPort(e.Protocol, e.PortRange?.From, e.PortRange?.To, admin.Port));
                if (decisive is { Allows: true })
                    (exposing.TryGetValue(decisive, out var ports) ? ports : exposing[decisive] = []).Add(admin);
            }
        return exposing;
    }

    private static void Report(NetworkAcl acl, NetworkAclEntry entry, List<(int Port, string Service)> ports, string region, Verdict verdict)
    {
        var ipv6 = entry.Ipv6CidrBlock is not null;
        var what = IpProtocol.IsAll(entry.Protocol) ? "all traffic"
            : entry.PortRange?.From == entry.PortRange?.To ? $"tcp {entry.PortRange?.From}"
            : $"tcp {entry.PortRange?.From}-{entry.PortRange?.To}";
        var exposed = string.Join(" and ", ports.Select(p => $"{p.Service} ({p.Port})"));
        var free = FreeRuleNumbersBelow(acl, entry.RuleNumber).Take(2).ToList();
        var slots = new SlotValues()
            .With("acl_id", acl.NetworkAclId)
            .With("source", entry.Source!)
            .With("rule_number", Number(entry.RuleNumber))
            .With("rule_name", $"rule_{entry.RuleNumber}")
            .With("port", Number(ports[0].Port))
            .With("port_range", $"From={ports[0].Port},To={ports[0].Port}")
            .With("deny_name", $"deny_{ports[0].Port}_{(ipv6 ? "ipv6" : "ipv4")}");
        SetRuleNumber(slots, "ssh_rule", free, 0);
        SetRuleNumber(slots, "rdp_rule", free, 1);
        SetRuleNumber(slots, "deny_rule", free, 0);
        var singlePortRule = IpProtocol.IsTcp(entry.Protocol) && entry.PortRange?.From == entry.PortRange?.To;
        var fixes = ipv6 ? Ipv6 : Ipv4;
        var fix = singlePortRule ? fixes.NarrowSource : ports.Count == 2 ? fixes.DenyBothAhead : fixes.DenyOneAhead;
        verdict.Fail($"{acl.NetworkAclId}/ingress/{entry.RuleNumber}", region,
            $"Network ACL {acl.Label} of {acl.VpcId}, on {acl.Subnets.Count()} subnet(s), allows {what} from {entry.Source} "
            + $"in inbound rule {entry.RuleNumber} before any rule denies it, exposing {exposed}.",
            slots, remediation: fix);
    }

    /// <summary>Unused inbound rule numbers just below <paramref name="ruleNumber"/>, nearest first.</summary>
    private static IEnumerable<int> FreeRuleNumbersBelow(NetworkAcl acl, int ruleNumber)
    {
        var used = (acl.Entries ?? []).Where(e => e.Egress != true).Select(e => e.RuleNumber).ToHashSet();
        for (var n = ruleNumber - 1; n >= 1; n--)
            if (!used.Contains(n))
                yield return n;
    }

    private static void SetRuleNumber(SlotValues slots, string name, List<int> free, int index)
    {
        if (index < free.Count) slots.With(name, Number(free[index]));
        else slots.Placeholder(name, "FREE_RULE_NUMBER");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
