using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Iam;

/// <summary>Access Analyzer in every region (012) and instance profiles on running instances (016).</summary>
public class RegionalChecksTests
{
    private static string Analyzers(params (string Name, string Type, string Status)[] analyzers) =>
        $$"""{"analyzers": [{{string.Join(",", analyzers.Select(a => $$"""
            {"arn": "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/{{a.Name}}", "name": "{{a.Name}}", "type": "{{a.Type}}", "status": "{{a.Status}}"}
            """))}}]}""";

    [Fact]
    public void Each_region_without_an_active_external_access_analyzer_fails()
    {
        var account = new TestAccount("us-east-1", "eu-west-1", "ap-south-1");
        account.Record.Regional(AccountCalls.ListAnalyzers, "us-east-1", Analyzers(("external", "ACCOUNT", "ACTIVE")));
        account.Record.Regional(AccountCalls.ListAnalyzers, "eu-west-1", Analyzers(("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")));
        account.Record.Regional(AccountCalls.ListAnalyzers, "ap-south-1", Analyzers(("org", "ORGANIZATION", "DISABLED")));

        var result = account.Run("aws-iam-012");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["eu-west-1", "ap-south-1"], result.Findings.Select(f => f.Region));
        Assert.Equal("arn:aws:access-analyzer:eu-west-1:111122223333:analyzer", result.Findings[0].ResourceId);
        Assert.Equal("No active external-access analyzer in ap-south-1 (org is disabled).", result.Findings[1].Description);
        Assert.Equal("aws accessanalyzer create-analyzer --region eu-west-1 --analyzer-name account-external-access --type ACCOUNT",
            result.Findings[0].Remediation!.Cli);
        Assert.Contains("region        = \"eu-west-1\"", result.Findings[0].Remediation!.Terraform);
    }

    [Fact]
    public void Active_analyzers_everywhere_pass_and_a_denied_region_is_not_assessed()
    {
        var account = new TestAccount("us-east-1", "eu-west-1").InEveryRegion(AccountCalls.ListAnalyzers, Analyzers(("org", "ORGANIZATION", "ACTIVE")));
        Assert.Equal(CheckStatus.Pass, account.Run("aws-iam-012").Status);

        var partly = new TestAccount("us-east-1", "eu-west-1");
        partly.Record.Regional(AccountCalls.ListAnalyzers, "us-east-1", Analyzers(("external", "ACCOUNT", "ACTIVE")));
        partly.Denied(AccountCalls.ListAnalyzers, "eu-west-1");
        var result = partly.Run("aws-iam-012");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal("eu-west-1", Assert.Single(result.Gaps).Region);
    }

    private static string Instance(string id, string state, bool profile, bool managed = false) => $$"""
        {"InstanceId": "{{id}}", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "{{state}}"},
         {{(profile ? $$"""
            "IamInstanceProfile": {"Arn": "arn:aws:iam::111122223333:instance-profile/app", "Id": "AIPAX"},
            """ : "")}}
         {{(managed ? "\"Operator\": {\"Managed\": true, \"Principal\": \"eks.amazonaws.com\"}," : "")}}
         "Tags": [{"Key": "Name", "Value": "web server"}]}
        """;

    private static string Reservations(params string[] instances) =>
        $$"""{"Reservations": [{"ReservationId": "r-1", "OwnerId": "111122223333", "Instances": [{{string.Join(",", instances)}}]}]}""";

    [Fact]
    public void Running_instances_without_a_profile_fail_in_their_region()
    {
        var account = new TestAccount("us-east-1", "eu-west-1");
        account.Record.Regional(Ec2Calls.DescribeInstances, "us-east-1",
            Reservations(Instance("i-0aaa", "running", profile: false), Instance("i-0bbb", "running", profile: true),
                Instance("i-0ccc", "stopped", profile: false), Instance("i-0ddd", "running", profile: false, managed: true)));
        account.Record.Regional(Ec2Calls.DescribeInstances, "eu-west-1", """{"Reservations": []}""");

        var result = account.Run("aws-iam-016");
        Assert.Equal(2, result.ResourcesScanned);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:ec2:us-east-1:111122223333:instance/i-0aaa", finding.ResourceId);
        Assert.Equal("Instance i-0aaa (web server) in us-east-1 is running without an instance profile.", finding.Description);
        Assert.Contains("aws ec2 associate-iam-instance-profile --region us-east-1 --instance-id i-0aaa", finding.Remediation!.Cli);
        Assert.Contains("--iam-instance-profile '{\"Name\":\"web-server-instance-role\"}'", finding.Remediation.Cli);
        Assert.Contains("resource \"aws_iam_instance_profile\" \"i_0aaa\"", finding.Remediation.Terraform);
    }

    [Fact]
    public void Instance_profiles_pass_no_running_instances_is_not_applicable_and_denied_regions_are_gaps()
    {
        var good = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Reservations(Instance("i-1", "running", profile: true)));
        Assert.Equal(CheckStatus.Pass, good.Run("aws-iam-016").Status);

        var idle = new TestAccount().InEveryRegion(Ec2Calls.DescribeInstances, Reservations(Instance("i-1", "stopped", profile: false)));
        Assert.Equal(CheckStatus.NotApplicable, idle.Run("aws-iam-016").Status);

        var denied = new TestAccount("us-east-1", "eu-west-1");
        denied.Record.Regional(Ec2Calls.DescribeInstances, "us-east-1", Reservations(Instance("i-1", "running", profile: true)));
        denied.Denied(Ec2Calls.DescribeInstances, "eu-west-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-iam-016").Status);
    }
}
