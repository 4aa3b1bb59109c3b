using System.Text.Json.Nodes;
using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using static CloudAudit.Demo.IamAuthorizationBuilder;
using static CloudAudit.Demo.DemoRecorder;

namespace CloudAudit.Analysis.Tests.Graph;

/// <summary>
/// A function URL is an entry point from the internet only when its auth type is NONE and the function's resource
/// policy lets an anonymous caller invoke it, as the policy engine decides; an unread policy is a gap, not a guess.
/// </summary>
public sealed class FunctionUrlEdgeTests
{
    private const string Account = TestInventory.Account;
    private const string Region = TestInventory.Region;
    private const string Name = "web";
    private static readonly string Arn = $"arn:aws:lambda:{Region}:{Account}:function:{Name}";

    /// <summary>What AWS adds to the policy when a URL of auth type NONE is created in the console.</summary>
    private static readonly string PublicPolicy = Policy("FunctionURLAllowPublicAccess", "\"*\"", "NONE", Arn);

    /// <summary>The URL statement, and the InvokeFunction statement AWS requires of URLs created from October 2025 on.</summary>
    private static string Policy(string sid, string principal, string authType, string resource, bool invoke = true) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{{principal}},"Action":"lambda:InvokeFunctionUrl","Resource":"{{resource}}","Condition":{{Condition(authType)}}}{{(invoke ? Invoke(principal, resource) : "")}}]}""";

    private static string Invoke(string principal, string resource) =>
        $$""",{"Sid":"FunctionURLInvokeAllowPublicAccess","Effect":"Allow","Principal":{{principal}},"Action":"lambda:InvokeFunction","Resource":"{{resource}}","Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"} } }""";

    private static string Condition(string authType) => $$$"""{"StringEquals":{"lambda:FunctionUrlAuthType":"{{{authType}}}"}}""";

    [Fact]
    public void A_none_url_with_a_public_policy_is_reachable_with_both_reads_and_the_statement_as_evidence()
    {
        var graph = Scan("NONE", inv => Policy(inv, PublicPolicy));

        var edge = Assert.Single(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Equal(SecurityGraph.InternetId, edge.Source);
        Assert.Equal(["lambda:ListFunctionUrlConfigs", "lambda:GetPolicy"], edge.Evidence.Select(e => e.Source));
        Assert.Equal(["FunctionURLAllowPublicAccess", "FunctionURLInvokeAllowPublicAccess"], edge.Evidence[1].Statements.Select(st => st.Sid));
        Assert.All(edge.Evidence[1].Statements, st => Assert.Equal("Allow", st.Effect));
        Assert.Contains("lambda:InvokeFunctionUrl and lambda:InvokeFunction", edge.Evidence[1].Detail, StringComparison.Ordinal);
        Assert.Equal("true", graph.Node(Arn).Attributes["internet_reachable"]);
    }

    [Fact]
    public void A_none_url_created_since_October_2025_whose_policy_lacks_InvokeFunction_is_not_reachable()
    {
        var graph = Scan("NONE", inv => Policy(inv, Policy("FunctionURLAllowPublicAccess", "\"*\"", "NONE", Arn, invoke: false)));

        Assert.DoesNotContain(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
    }

    [Fact]
    public void A_none_url_created_before_October_2025_needs_only_InvokeFunctionUrl()
    {
        var graph = Scan("NONE", inv => Policy(inv, Policy("FunctionURLAllowPublicAccess", "\"*\"", "NONE", Arn, invoke: false)), created: "2025-06-10T12:00:00.000+0000");

        var edge = Assert.Single(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.Equal("FunctionURLAllowPublicAccess", Assert.Single(edge.Evidence[1].Statements).Sid);
    }

    [Fact]
    public void A_none_url_on_an_alias_is_judged_with_the_alias_arn_as_resource()
    {
        var alias = $"{Arn}:live";
        var graph = Scan("NONE", inv => Policy(inv, Policy("FunctionURLAllowPublicAccess", "\"*\"", "NONE", alias)), alias);

        Assert.Contains(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
    }

    [Fact]
    public void A_none_url_of_a_function_without_a_policy_is_not_reachable()
    {
        var graph = Scan("NONE", inv => PolicyFailure(inv, ErrorKind.NotFound, "ResourceNotFoundException", "The resource you requested does not exist.", 404));

        Assert.DoesNotContain(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
        Assert.DoesNotContain(graph.Gaps, g => g.What.Contains(Name, StringComparison.Ordinal));
    }

    [Fact]
    public void A_none_url_whose_policy_lets_only_one_account_call_it_is_not_reachable_from_the_internet()
    {
        var graph = Scan("NONE", inv => Policy(inv, Policy("partner", """{"AWS":"arn:aws:iam::210987654321:root"}""", "NONE", Arn)));

        Assert.DoesNotContain(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
    }

    [Fact]
    public void A_none_url_whose_policy_could_not_be_read_is_a_gap_with_its_cause()
    {
        var graph = Scan("NONE", inv => PolicyFailure(inv, ErrorKind.AccessDenied, "AccessDeniedException", "not authorized to perform lambda:GetPolicy", 403));

        Assert.DoesNotContain(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
        var gap = Assert.Single(graph.Gaps, g => g.What.Contains($"URL of {Name}", StringComparison.Ordinal));
        Assert.Contains("not authorized", gap.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_unread_policy_is_a_gap_with_its_own_cause_not_that_of_a_function_whose_name_contains_it()
    {
        // web-admin's policy was refused; web's was never collected. web's gap must not borrow web-admin's refusal.
        var inv = new TestInventory();
        inv.Iam.Role("web-role", Trust.Service("lambda.amazonaws.com"));
        JsonNode Function(string name) => new JsonObject
        {
            ["FunctionName"] = name, ["FunctionArn"] = $"arn:aws:lambda:{Region}:{Account}:function:{name}",
            ["Role"] = $"arn:aws:iam::{Account}:role/web-role", ["Runtime"] = "python3.12",
        };
        inv.Record.Regional(LambdaCalls.ListFunctions, Region, new JsonObject { ["Functions"] = new JsonArray(Function("web-admin"), Function(Name)) }.ToJsonString());
        foreach (var name in new[] { "web-admin", Name })
            inv.Record.Target(LambdaCalls.ListFunctionUrlConfigs, Region, Params(("FunctionName", name)), new JsonObject
            {
                ["FunctionUrlConfigs"] = new JsonArray(new JsonObject
                {
                    ["FunctionUrl"] = $"https://{name}.lambda-url.us-east-1.on.aws/", ["FunctionArn"] = $"arn:aws:lambda:{Region}:{Account}:function:{name}",
                    ["AuthType"] = "NONE", ["CreationTime"] = "2026-10-01T00:00:00.000+0000", ["InvokeMode"] = "BUFFERED",
                }),
            }.ToJsonString());
        inv.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, Region, Params(("FunctionName", "web-admin")), ErrorKind.AccessDenied,
            "AccessDeniedException", "not authorized to perform lambda:GetPolicy", 403);
        var graph = inv.Scan().AttackPaths.Graph;

        var admin = Assert.Single(graph.Gaps, g => g.What.Contains("URL of web-admin", StringComparison.Ordinal));
        Assert.Contains("not authorized", admin.Cause, StringComparison.Ordinal);
        var web = Assert.Single(graph.Gaps, g => g.What.Contains($"URL of {Name} ", StringComparison.Ordinal));
        Assert.DoesNotContain("not authorized", web.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_iam_url_is_not_reachable_even_with_a_public_policy()
    {
        var graph = Scan("AWS_IAM", inv => Policy(inv, Policy("open", "\"*\"", "AWS_IAM", Arn)));

        Assert.DoesNotContain(graph.In(Arn), e => e.Type == EdgeType.ReachableFromInternet);
    }

    private static void Policy(TestInventory inv, string policy) =>
        inv.Record.Target(ResourcePolicyCalls.GetFunctionPolicy, Region, Params(("FunctionName", Name)),
            new JsonObject { ["Policy"] = policy }.ToJsonString());

    private static void PolicyFailure(TestInventory inv, ErrorKind kind, string code, string message, int status) =>
        inv.Record.Failure(ResourcePolicyCalls.GetFunctionPolicy, Region, Params(("FunctionName", Name)), kind, code, message, status);

    private static SecurityGraph Scan(string authType, Action<TestInventory> policy, string? urlArn = null, string created = "2026-10-01T00:00:00.000+0000")
    {
        var inv = new TestInventory();
        inv.Iam.Role("web-role", Trust.Service("lambda.amazonaws.com"));
        var function = new JsonObject { ["FunctionName"] = Name, ["FunctionArn"] = Arn, ["Role"] = $"arn:aws:iam::{Account}:role/web-role", ["Runtime"] = "python3.12" };
        inv.Record.Regional(LambdaCalls.ListFunctions, Region, new JsonObject { ["Functions"] = new JsonArray(function) }.ToJsonString());
        var url = new JsonObject
        {
            ["FunctionUrl"] = "https://abc123.lambda-url.us-east-1.on.aws/", ["FunctionArn"] = urlArn ?? Arn, ["AuthType"] = authType,
            ["CreationTime"] = created, ["InvokeMode"] = "BUFFERED",
        };
        inv.Record.Target(LambdaCalls.ListFunctionUrlConfigs, Region, Params(("FunctionName", Name)),
            new JsonObject { ["FunctionUrlConfigs"] = new JsonArray(url) }.ToJsonString());
        policy(inv);
        return inv.Scan().AttackPaths.Graph;
    }
}
