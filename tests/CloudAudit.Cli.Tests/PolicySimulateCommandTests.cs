using System.CommandLine;
using System.Text.Json;
using CloudAudit.Cli.Commands;

namespace CloudAudit.Cli.Tests;

public sealed class PolicySimulateCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("policy-simulate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string Write(string name, string json)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { PolicyCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLineApp.Run(root, ["policy", "simulate", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    const string Role = "arn:aws:iam::111122223333:role/app";
    const string S3ReadOnly = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}""";

    [Fact]
    public void Allowed_request_exits_0_and_names_the_statement()
    {
        var (exit, output, _) = Run("--identity", Write("id.json", S3ReadOnly), "--principal", Role, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k");
        Assert.Equal(0, exit);
        Assert.Contains("decision: allowed", output);
        Assert.Contains("statement 0 (Read)", output);
    }

    [Fact]
    public void Implicit_and_explicit_denies_exit_1()
    {
        var identity = Write("id.json", S3ReadOnly);
        Assert.Equal(1, Run("--identity", identity, "--principal", Role, "--action", "s3:PutObject", "--resource", "arn:aws:s3:::b/k").Exit);
        var scp = Write("scp.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoHttp","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""");
        var (exit, output, _) = Run("--identity", identity, "--scp", scp, "--principal", Role, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
            "--context", "aws:SecureTransport=false", "--format", "json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("explicit deny", json.RootElement.GetProperty("decision").GetString());
        var statement = json.RootElement.GetProperty("matched_statements")[0];
        Assert.Equal("NoHttp", statement.GetProperty("sid").GetString());
        Assert.Equal("service_control", statement.GetProperty("policy_kind").GetString());
    }

    [Fact]
    public void Several_SCPs_at_one_level_allow_when_any_of_them_does_and_each_level_must()
    {
        var identity = Write("id.json", S3ReadOnly);
        var full = Write("full.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        var ec2Only = Write("ec2.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""");
        var s3Only = Write("s3.json", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""");
        string[] request = ["--identity", identity, "--principal", Role, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"];
        // Root level: FullAWSAccess; account level: two allow-lists, one of which allows S3.
        Assert.Equal(0, Run([.. request, "--scp", full, "--scp-level", $"{ec2Only},{s3Only}"]).Exit);
        var (exit, output, _) = Run([.. request, "--scp", full, "--scp", ec2Only]);
        Assert.Equal(1, exit);
        Assert.Contains("reason: no service control policy at level 1 allows the action", output);
    }

    [Fact]
    public void Multivalued_context_keys_split_on_commas()
    {
        var identity = Write("id.json", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}}}""");
        Assert.Equal(0, Run("--identity", identity, "--principal", Role, "--action", "ec2:CreateTags", "--context", "aws:TagKeys=env,team").Exit);
        Assert.Equal(1, Run("--identity", identity, "--principal", Role, "--action", "ec2:CreateTags", "--context", "aws:TagKeys=env,owner").Exit);
    }

    [Fact]
    public void Trust_policy_is_read_for_AssumeRole()
    {
        var trust = Write("trust.json", """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""");
        Assert.Equal(0, Run("--resource-policy", trust, "--principal", "ec2.amazonaws.com", "--action", "sts:AssumeRole", "--resource", Role).Exit);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("invalid-json")]
    [InlineData("malformed-policy")]
    [InlineData("bad-context")]
    [InlineData("bad-format")]
    [InlineData("bad-action")]
    public void Bad_input_is_one_error_line_and_exit_2(string problem)
    {
        var good = Write("good.json", S3ReadOnly);
        string[] args = problem switch
        {
            "missing-file" => ["--identity", Path.Combine(dir, "nope.json")],
            "invalid-json" => ["--identity", Write("bad.json", "{\"Version\": ")],
            "malformed-policy" => ["--identity", Write("bad.json", """{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}""")],
            "bad-context" => ["--identity", good, "--context", "aws:SourceIp=not-an-ip"],
            "bad-format" => ["--identity", good, "--format", "xml"],
            _ => ["--identity", good, "--action", "GetObject"],
        };
        var (exit, output, error) = Run([.. args, "--principal", Role, .. problem == "bad-action" ? Array.Empty<string>() : ["--action", "s3:GetObject"]]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        if (problem == "malformed-policy") Assert.Contains("Statement.Effect", line);
        if (problem == "bad-context") Assert.Contains("aws:SourceIp", line);
    }
}
