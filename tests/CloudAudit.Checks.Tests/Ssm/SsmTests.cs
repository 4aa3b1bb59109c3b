using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory.Catalog;

namespace CloudAudit.Checks.Tests.Ssm;

public class SsmTests
{
    private static TestAccount Fleet(string[] running, params (string Id, string Ping)[] managed)
    {
        var instances = running.Select(id => $$"""{"Instances": [{"InstanceId": "{{id}}", "State": {"Name": "running"}, "Tags": [{"Key": "Name", "Value": "box-{{id[^1..]}}"}]}]}""");
        var info = managed.Select(m => $$"""{"InstanceId": "{{m.Id}}", "PingStatus": "{{m.Ping}}", "ResourceType": "EC2Instance", "LastPingDateTime": "2026-10-01T00:00:00Z"}""");
        return new TestAccount("us-east-1")
            .Answer(SsmCalls.DescribeRunningInstances, "us-east-1", $$"""{"Reservations": [{{string.Join(",", instances)}}]}""")
            .Answer(SsmCalls.DescribeInstanceInformation, "us-east-1", $$"""{"InstanceInformationList": [{{string.Join(",", info)}}]}""");
    }

    [Fact]
    public void Running_instances_unknown_to_ssm_or_out_of_contact_fail()
    {
        var result = Fleet(["i-1", "i-2", "i-3"], ("i-1", "Online"), ("i-2", "ConnectionLost")).Run("aws-ssm-001");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["arn:aws:ec2:us-east-1:111122223333:instance/i-2", "arn:aws:ec2:us-east-1:111122223333:instance/i-3"],
            result.Findings.Select(f => f.ResourceId).ToArray());
        Assert.Contains("PingStatus ConnectionLost", result.Findings[0].Description);
        Assert.Equal("Running instance i-3 (box-3) is not managed by Systems Manager.", result.Findings[1].Description);
        Assert.Contains("--setting-id arn:aws:ssm:us-east-1:111122223333:servicesetting/ssm/managed-instance/default-ec2-instance-management-role",
            result.Findings[1].Remediation!.Cli);
        Assert.Contains("--policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedEC2InstanceDefaultPolicy", result.Findings[1].Remediation!.Cli);
    }

    [Fact]
    public void A_fully_managed_fleet_passes_and_an_unreadable_registry_is_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Fleet(["i-1"], ("i-1", "Online")).Run("aws-ssm-001").Status);
        var denied = new TestAccount("us-east-1")
            .Answer(SsmCalls.DescribeRunningInstances, "us-east-1", """{"Reservations": [{"Instances": [{"InstanceId": "i-1", "State": {"Name": "running"}}]}]}""")
            .Denied(SsmCalls.DescribeInstanceInformation, "us-east-1");
        Assert.Equal(CheckStatus.NotAssessed, denied.Run("aws-ssm-001").Status);
    }

    [Fact]
    public void A_region_without_running_instances_needs_no_ssm_read() =>
        Assert.Equal(CheckStatus.NotApplicable,
            new TestAccount("us-east-1").Answer(SsmCalls.DescribeRunningInstances, "us-east-1", """{"Reservations": []}""").Run("aws-ssm-001").Status);

    [Fact]
    public void Missing_or_failed_patches_and_no_patch_data_fail()
    {
        var account = Fleet(["i-1", "i-2", "i-3", "i-4"], ("i-1", "Online"), ("i-2", "Online"), ("i-3", "Online"));
        foreach (var batch in SsmCalls.PatchStateBatches("us-east-1", ["i-1", "i-2", "i-3"]))
            account.Answer(SsmCalls.DescribeInstancePatchStates, batch, """
                {"InstancePatchStates": [
                  {"InstanceId": "i-1", "MissingCount": 0, "FailedCount": 0, "Operation": "Scan", "OperationEndTime": "2026-10-30T03:00:00Z"},
                  {"InstanceId": "i-2", "MissingCount": 5, "FailedCount": 2, "Operation": "Install", "OperationEndTime": "2026-10-29T03:00:00Z"}]}
                """);
        var result = account.Run("aws-ssm-003");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["Running instance i-2 (box-2) is missing 5 patch(es) and failed to install 2 (last install on 2026-10-29).",
                      "Running instance i-3 (box-3) has no patch data: Patch Manager has never scanned it."],
            result.Findings.Select(f => f.Description).ToArray());
        Assert.Equal("# Install missing patches now (reboots if needed); set up a Quick Setup patch policy for a recurring schedule.\n"
            + "aws ssm send-command --region us-east-1 --document-name AWS-RunPatchBaseline --instance-ids i-2 --parameters Operation=Install,RebootOption=RebootIfNeeded",
            result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Patch_states_that_could_not_be_read_are_not_assessed_and_unmanaged_fleets_are_not_applicable()
    {
        Assert.Equal(CheckStatus.NotAssessed, Fleet(["i-1"], ("i-1", "Online")).Run("aws-ssm-003").Status);
        Assert.Equal(CheckStatus.NotApplicable, Fleet(["i-1"]).Run("aws-ssm-003").Status);
    }

    private static TestAccount Parameters(params (string Name, string Type)[] parameters) =>
        new TestAccount("us-east-1").Answer(SsmCalls.DescribeParameters, "us-east-1", $$"""
            {"Parameters": [{{string.Join(",", parameters.Select(p => $$"""{"Name": "{{p.Name}}", "Type": "{{p.Type}}", "ARN": "arn:aws:ssm:us-east-1:111122223333:parameter{{p.Name}}"}"""))}}]}
            """);

    [Fact]
    public void Secret_named_parameters_stored_as_plain_strings_fail()
    {
        var result = Parameters(("/app/DB_PASSWORD", "String"), ("/app/api-key", "SecureString"), ("/app/DATABASE_URL", "StringList"),
            ("/app/base-url", "String"), ("/app/password-rotation-days", "String")).Run("aws-ssm-002");
        Assert.Equal(3, result.ResourcesScanned);
        Assert.Equal(["arn:aws:ssm:us-east-1:111122223333:parameter/app/DB_PASSWORD", "arn:aws:ssm:us-east-1:111122223333:parameter/app/DATABASE_URL"],
            result.Findings.Select(f => f.ResourceId).ToArray());
        Assert.Contains("named like a connection string but stored as StringList", result.Findings[1].Description);
        Assert.Contains("aws ssm get-parameter --region us-east-1 --name /app/DB_PASSWORD --query Parameter --output json > parameter.json", result.Findings[0].Remediation!.Cli);
        Assert.Contains("aws ssm put-parameter --region us-east-1 --cli-input-json file://new-parameter.json", result.Findings[0].Remediation!.Cli);
    }

    [Fact]
    public void Secure_parameters_pass_non_secret_names_are_out_of_scope_and_denied_listings_are_not_assessed()
    {
        Assert.Equal(CheckStatus.Pass, Parameters(("/app/token", "SecureString")).Run("aws-ssm-002").Status);
        Assert.Equal(CheckStatus.NotApplicable, Parameters(("/app/base-url", "String")).Run("aws-ssm-002").Status);
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("us-east-1").Denied(SsmCalls.DescribeParameters, "us-east-1").Run("aws-ssm-002").Status);
    }
}
