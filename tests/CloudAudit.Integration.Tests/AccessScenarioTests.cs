using System.Text.Json;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// <c>cloud-audit access</c> on a live account in moto (seed_access.py): administrators by every route and principals
/// that only look like one, a bucket policy that admits a partner and denies deletes. moto loads no AWS managed
/// policy, so the AWS managed route (AdministratorAccess) is tested on a saved inventory in the CLI's tests.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed class AccessScenarioTests(MotoServer moto)
{
    private string Account => moto.Accounts["access"];
    private string Arn(string kind, string name) => $"arn:aws:iam::{Account}:{kind}/{name}";

    private CliRun Access(params string[] args) =>
        CliRunner.Run(["access", .. args, "--role-arn", moto.RoleArn("access"), "--regions", "us-east-1", "--format", "json", "--quiet"]);

    [MotoFact]
    public void Admins_lists_exactly_the_administrators_by_every_route()
    {
        var run = moto.Once("access admins", () => Access("admins"));

        Assert.True(run.ExitCode == 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(Account, json.RootElement.GetProperty("account_id").GetString());
        var admins = json.RootElement.GetProperty("admins").EnumerateArray().Select(a => a.GetProperty("principal").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal([Arn("group", "platform"), Arn("role", "split-admin"), Arn("user", "group-admin"), Arn("user", "inline-admin"), Arn("user", "managed-admin")], admins);
        Assert.Equal(0, json.RootElement.GetProperty("conditional_admins").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("not_assessed").GetArrayLength());
    }

    [MotoFact]
    public void Who_can_read_the_bucket_names_the_reader_the_administrators_and_the_partner_account()
    {
        var run = Access("who-can", "s3:GetObject", $"arn:aws:s3:::reports-{Account}/q1.csv");

        Assert.True(run.ExitCode == 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var parties = json.RootElement.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("principal").GetString()!).ToList();
        foreach (var allowed in new[] { Arn("user", "analyst"), Arn("user", "managed-admin"), Arn("role", "notaction-denied") })
            Assert.Contains(allowed, parties);
        foreach (var refused in new[] { Arn("role", "denied-admin"), Arn("role", "nothing-bounded"), Arn("role", "ec2-bounded") })
            Assert.DoesNotContain(refused, parties);
        Assert.Contains(parties, p => p.Contains("444455556666", StringComparison.Ordinal));
    }

    [MotoFact]
    public void Can_i_decides_from_the_live_policies()
    {
        var read = Access("can-i", Arn("user", "analyst"), "s3:GetObject", $"arn:aws:s3:::reports-{Account}/q1.csv");
        Assert.True(read.ExitCode == 0, read.Stdout + read.Stderr);

        var delete = Access("can-i", Arn("user", "managed-admin"), "s3:DeleteObject", $"arn:aws:s3:::reports-{Account}/q1.csv");
        Assert.Equal(1, delete.ExitCode);
        using var json = JsonDocument.Parse(delete.Stdout);
        Assert.Equal("explicit deny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("NoDeletes", json.RootElement.GetProperty("statements")[0].GetProperty("sid").GetString());

        var bounded = Access("can-i", Arn("role", "ec2-bounded"), "iam:CreateUser");
        Assert.Equal(1, bounded.ExitCode);
        Assert.Contains("permissions boundary", JsonDocument.Parse(bounded.Stdout).RootElement.GetProperty("reason").GetString());
    }
}
