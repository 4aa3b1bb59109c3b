using CloudAudit.Checks.Framework;
using CloudAudit.Checks.Tests.Support;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Checks.Tests.Kms;

public class KeyRotationTests
{
    private sealed record Key(string Id, string Region = "eu-west-1", string Manager = "CUSTOMER", string Spec = "SYMMETRIC_DEFAULT",
        string State = "Enabled", string Origin = "AWS_KMS", bool? Rotation = null, string? PrimaryRegion = null);

    private static string Arn(Key key) => $"arn:aws:kms:{key.Region}:{TestAccount.Id}:key/{key.Id}";

    private static TestAccount Keys(string[] regions, params Key[] keys)
    {
        var account = new TestAccount(regions);
        foreach (var region in regions)
            account.Record.Regional(KmsCalls.ListKeys, region, $$"""
                {"Keys": [{{string.Join(",", keys.Where(k => k.Region == region).Select(k => $$"""{"KeyId": "{{k.Id}}", "KeyArn": "{{Arn(k)}}"}"""))}}]}
                """);
        foreach (var key in keys)
        {
            var replica = key.PrimaryRegion is null ? "" : $$"""
                , "MultiRegion": true, "MultiRegionConfiguration": {"MultiRegionKeyType": "REPLICA",
                  "PrimaryKey": {"Arn": "arn:aws:kms:{{key.PrimaryRegion}}:{{TestAccount.Id}}:key/{{key.Id}}", "Region": "{{key.PrimaryRegion}}"} }
                """;
            account.Record.Target(KmsCalls.DescribeKey, key.Region, Params(("KeyId", Arn(key))), $$"""
                {"KeyMetadata": {"AWSAccountId": "{{TestAccount.Id}}", "KeyId": "{{key.Id}}", "Arn": "{{Arn(key)}}", "Description": "key {{key.Id}}",
                 "KeyManager": "{{key.Manager}}", "KeySpec": "{{key.Spec}}", "KeyState": "{{key.State}}", "Origin": "{{key.Origin}}"{{replica}}} }
                """);
            if (key.Rotation is { } enabled)
                account.Record.Target(KmsCalls.GetKeyRotationStatus, key.Region, Params(("KeyId", Arn(key))),
                    $$"""{"KeyRotationEnabled": {{(enabled ? "true" : "false")}}}""");
        }
        return account;
    }

    [Fact]
    public void Fails_customer_symmetric_keys_without_rotation_and_ignores_the_rest()
    {
        var result = Keys(["eu-west-1"],
            new Key("k-off", Rotation: false),
            new Key("k-on", Rotation: true),
            new Key("aws-s3", Manager: "AWS"),
            new Key("signing", Spec: "RSA_2048"),
            new Key("hmac", Spec: "HMAC_256"),
            new Key("retired", State: "PendingDeletion"),
            new Key("paused", State: "Disabled"),
            new Key("imported", Origin: "EXTERNAL")).Run("aws-kms-001");

        var finding = Assert.Single(result.Findings);
        Assert.Equal("arn:aws:kms:eu-west-1:111122223333:key/k-off", finding.ResourceId);
        Assert.Equal("aws kms enable-key-rotation --region eu-west-1 --key-id k-off --rotation-period-in-days 365", finding.Remediation!.Cli);
        Assert.Contains("enable_key_rotation     = true", finding.Remediation.Terraform);
        Assert.Equal(2, result.ResourcesScanned);
    }

    [Fact]
    public void Rotation_status_is_planned_only_for_keys_that_can_rotate()
    {
        var account = Keys(["eu-west-1"], new Key("k-off", Rotation: false), new Key("aws-s3", Manager: "AWS"), new Key("retired", State: "PendingDeletion"));
        var planned = new AccountData(account.Inventory).TargetsOf(KmsCalls.GetKeyRotationStatus)
            .Select(t => t.Target.Parameters!["KeyId"]!.GetValue<string>());
        Assert.Equal(["arn:aws:kms:eu-west-1:111122223333:key/k-off"], planned);
    }

    [Fact]
    public void Passes_when_every_key_rotates()
    {
        Assert.Equal(CheckStatus.Pass, Keys(["eu-west-1"], new Key("k-on", Rotation: true)).Run("aws-kms-001").Status);
    }

    [Fact]
    public void A_key_whose_policy_denies_the_rotation_read_is_not_assessed()
    {
        var account = Keys(["eu-west-1"], new Key("ml"));
        account.Denied(KmsCalls.GetKeyRotationStatus, "eu-west-1", Params(("KeyId", "arn:aws:kms:eu-west-1:111122223333:key/ml")));
        var result = account.Run("aws-kms-001");
        Assert.Equal(CheckStatus.NotAssessed, result.Status);
        Assert.Equal("GetKeyRotationStatus", Assert.Single(result.Gaps).Operation);
    }

    [Fact]
    public void Replicas_are_judged_through_their_primary()
    {
        var bothScanned = Keys(["us-east-1", "eu-west-1"],
            new Key("mrk-1", Region: "us-east-1", Rotation: false),
            new Key("mrk-1", Region: "eu-west-1", Rotation: false, PrimaryRegion: "us-east-1")).Run("aws-kms-001");
        Assert.Equal("us-east-1", Assert.Single(bothScanned.Findings).Region);

        var primaryElsewhere = Keys(["eu-west-1"], new Key("mrk-1", Rotation: false, PrimaryRegion: "ap-southeast-2")).Run("aws-kms-001");
        var finding = Assert.Single(primaryElsewhere.Findings);
        Assert.Equal("arn:aws:kms:ap-southeast-2:111122223333:key/mrk-1", finding.ResourceId);
        Assert.Equal("aws kms enable-key-rotation --region ap-southeast-2 --key-id mrk-1 --rotation-period-in-days 365", finding.Remediation!.Cli);
    }

    [Fact]
    public void A_denied_listing_is_not_assessed_and_no_keys_is_not_applicable()
    {
        Assert.Equal(CheckStatus.NotAssessed, new TestAccount("eu-west-1").Denied(KmsCalls.ListKeys, "eu-west-1").Run("aws-kms-001").Status);
        Assert.Equal(CheckStatus.NotApplicable, Keys(["eu-west-1"], new Key("aws-s3", Manager: "AWS")).Run("aws-kms-001").Status);
    }
}
