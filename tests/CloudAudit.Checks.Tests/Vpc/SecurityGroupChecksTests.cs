using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Checks.Tests.Vpc.VpcData;

namespace CloudAudit.Checks.Tests.Vpc;

public class SecurityGroupOpenToInternetTests
{
    private static TestAccount Account(string rules, string interfaces)
    {
        var account = new TestAccount()
            .InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-bastion", "bastion"), Group("sg-db", "db"), Group("sg-idle", "idle"), Group("sg-web", "web")))
            .InEveryRegion(Ec2Calls.DescribeSecurityGroupRules, rules);
        if (interfaces.Length > 0) account.InEveryRegion(Ec2Calls.DescribeNetworkInterfaces, interfaces);
        else account.Denied(Ec2Calls.DescribeNetworkInterfaces, "us-east-1");
        return account;
    }

    private static readonly string Used = Interfaces(
        Interface("eni-1", "vpc-1", "i-bastion", "sg-bastion"), Interface("eni-2", "vpc-1", null, "sg-db"), Interface("eni-3", "vpc-1", "i-web", "sg-web"));

    [Fact]
    public void One_finding_per_open_rule_tiered_by_port_with_ranges_evaluated_as_ranges()
    {
        var result = Account(Rules(
            Rule("sgr-ssh", "sg-bastion", "tcp", 22, 22, "0.0.0.0/0"),
            Rule("sgr-ssh-office", "sg-bastion", "tcp", 22, 22, "198.51.100.0/24"),
            Rule("sgr-pg6", "sg-db", "tcp", 5432, 5432, "::/0"),
            Rule("sgr-redis", "sg-db", "tcp", 6000, 6500, "0.0.0.0/0"),
            Rule("sgr-https", "sg-web", "tcp", 443, 443, "0.0.0.0/0"),
            Rule("sgr-all", "sg-idle", "-1", -1, -1, "0.0.0.0/0"),
            Rule("sgr-out", "sg-web", "-1", -1, -1, "0.0.0.0/0", egress: true)), Used).Run("aws-vpc-002");

        Assert.Equal(["sg-bastion/sgr-ssh", "sg-db/sgr-pg6", "sg-db/sgr-redis", "sg-idle/sgr-all"], result.Findings.Select(f => f.ResourceId).Order());
        // A finding on one of a group's rules fails the group: only the group with no open rule passed.
        Assert.Equal(["sg-web"], result.PassedResources);
        var severities = result.Findings.ToDictionary(f => f.ResourceId, f => f.Severity);
        Assert.Equal(Severity.Critical, severities["sg-bastion/sgr-ssh"]);
        Assert.Equal(Severity.Critical, severities["sg-db/sgr-pg6"]);
        Assert.Equal(Severity.High, severities["sg-db/sgr-redis"]);
        Assert.Equal(Severity.High, severities["sg-idle/sgr-all"]); // critical, lowered: nothing uses the group

        var ssh = result.Findings.Single(f => f.ResourceId == "sg-bastion/sgr-ssh");
        Assert.Contains("allows SSH (tcp 22) from 0.0.0.0/0", ssh.Description);
        Assert.Contains("instance i-bastion", ssh.Description);
        Assert.Contains("aws ec2 revoke-security-group-ingress --region us-east-1 --group-id sg-bastion --ip-permissions "
            + "'[{\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22,\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]'", ssh.Remediation!.Cli);
        Assert.Contains("resource \"aws_vpc_security_group_ingress_rule\" \"sg_bastion_tcp_22_22_trusted\"", ssh.Remediation.Terraform);
        Assert.Contains("from_port         = 22", ssh.Remediation.Terraform);

        var pg = result.Findings.Single(f => f.ResourceId == "sg-db/sgr-pg6");
        Assert.Contains("\"Ipv6Ranges\":[{\"CidrIpv6\":\"::/0\"}]", pg.Remediation!.Cli);
        Assert.Contains("tcp 6000-6500, which covers Redis (6379)", result.Findings.Single(f => f.ResourceId == "sg-db/sgr-redis").Description);

        var all = result.Findings.Single(f => f.ResourceId == "sg-idle/sgr-all");
        Assert.Contains("ip_protocol       = \"-1\"", all.Remediation!.Terraform);
        Assert.DoesNotContain("from_port", all.Remediation.Terraform);
        Assert.Contains("'[{\"IpProtocol\":\"-1\",\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]'", all.Remediation.Cli);
    }

    [Fact]
    public void Without_interface_data_the_severity_is_kept_and_the_message_says_so()
    {
        var result = Account(Rules(Rule("sgr-all", "sg-idle", "-1", -1, -1, "0.0.0.0/0")), "").Run("aws-vpc-002");
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Contains("unknown", finding.Description);
    }

    [Fact]
    public void Passes_when_only_web_ports_and_trusted_sources_are_open()
    {
        var result = Account(Rules(Rule("sgr-https", "sg-web", "tcp", 443, 443, "0.0.0.0/0"),
            Rule("sgr-ssh", "sg-bastion", "tcp", 22, 22, "10.0.0.0/8")), Used).Run("aws-vpc-002");
        Assert.Equal(CheckStatus.Pass, result.Status);
        Assert.Equal(4, result.ResourcesScanned);
    }

    [Fact]
    public void Denied_rules_are_not_assessed()
    {
        var account = new TestAccount().InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-1", "a")));
        account.Denied(Ec2Calls.DescribeSecurityGroupRules, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, account.Run("aws-vpc-002").Status);
    }
}

public class CifsOpenToInternetTests
{
    [Fact]
    public void Fails_rules_that_cover_445_including_all_traffic_and_wide_ranges()
    {
        var account = new TestAccount()
            .InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-files", "files"), Group("sg-wide", "wide"), Group("sg-ssh", "ssh")))
            .InEveryRegion(Ec2Calls.DescribeSecurityGroupRules, Rules(
                Rule("sgr-smb", "sg-files", "tcp", 445, 445, "0.0.0.0/0"),
                Rule("sgr-wide", "sg-wide", "tcp", 0, 65535, "::/0"),
                Rule("sgr-ssh", "sg-ssh", "tcp", 22, 22, "0.0.0.0/0")))
            .InEveryRegion(Ec2Calls.DescribeNetworkInterfaces, Interfaces(Interface("eni-1", "vpc-1", "i-files", "sg-files", "sg-wide", "sg-ssh")));
        var result = account.Run("aws-vpc-007");
        Assert.Equal(["sg-files/sgr-smb", "sg-wide/sgr-wide"], result.Findings.Select(f => f.ResourceId).Order());
        Assert.All(result.Findings, f => Assert.Equal(Severity.Critical, f.Severity));
        Assert.Contains("SMB/CIFS (tcp 445)", result.Findings[0].Description + result.Findings[1].Description);
    }

    [Fact]
    public void Passes_without_445_and_is_not_assessed_when_groups_are_denied()
    {
        var account = new TestAccount()
            .InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-ssh", "ssh")))
            .InEveryRegion(Ec2Calls.DescribeSecurityGroupRules, Rules(Rule("sgr-ssh", "sg-ssh", "tcp", 22, 22, "0.0.0.0/0")))
            .InEveryRegion(Ec2Calls.DescribeNetworkInterfaces, Interfaces());
        Assert.Equal(CheckStatus.Pass, account.Run("aws-vpc-007").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount().Denied(Ec2Calls.DescribeSecurityGroups, "us-east-1").Run("aws-vpc-007").Status);
    }
}

public class DefaultSecurityGroupOpenTests
{
    private static TestAccount Account(string rules) => new TestAccount()
        .InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-default", "default"), Group("sg-app", "app")))
        .InEveryRegion(Ec2Calls.DescribeSecurityGroupRules, rules)
        .InEveryRegion(Ec2Calls.DescribeNetworkInterfaces, Interfaces(Interface("eni-1", "vpc-1", "i-1", "sg-default")));

    [Fact]
    public void Fails_a_default_group_with_any_rule_and_revokes_exactly_its_rules()
    {
        var result = Account(Rules(SelfRule("sgr-self", "sg-default"), Rule("sgr-out", "sg-default", "-1", -1, -1, "0.0.0.0/0", egress: true),
            Rule("sgr-app", "sg-app", "tcp", 443, 443, "0.0.0.0/0"))).Run("aws-vpc-005");
        var finding = Assert.Single(result.Findings);
        Assert.Equal("sg-default", finding.ResourceId);
        Assert.Contains("1 inbound and 1 outbound rule(s); 1 network interface(s) still use it", finding.Description);
        Assert.Contains("aws ec2 revoke-security-group-ingress --region us-east-1 --group-id sg-default --security-group-rule-ids '[\"sgr-self\"]'", finding.Remediation!.Cli);
        Assert.Contains("aws ec2 revoke-security-group-egress --region us-east-1 --group-id sg-default --security-group-rule-ids '[\"sgr-out\"]'", finding.Remediation.Cli);
        Assert.Contains("resource \"aws_default_security_group\" \"sg_default\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Uses_the_one_direction_fix_when_only_one_direction_has_rules()
    {
        var finding = Assert.Single(Account(Rules(Rule("sgr-out", "sg-default", "-1", -1, -1, "0.0.0.0/0", egress: true))).Run("aws-vpc-005").Findings);
        Assert.DoesNotContain("revoke-security-group-ingress", finding.Remediation!.Cli);
        Assert.Contains("revoke-security-group-egress", finding.Remediation.Cli);
    }

    [Fact]
    public void Passes_an_empty_default_group_and_is_not_assessed_when_rules_are_denied()
    {
        Assert.Equal(CheckStatus.Pass, Account(Rules(Rule("sgr-app", "sg-app", "tcp", 443, 443, "0.0.0.0/0"))).Run("aws-vpc-005").Status);
        var denied = new TestAccount().InEveryRegion(Ec2Calls.DescribeSecurityGroups, Groups(Group("sg-default", "default")));
        denied.Denied(Ec2Calls.DescribeSecurityGroupRules, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-vpc-005").Status);
    }
}
