using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Tests;

/// <summary>Short builders so a test reads as its policy and request.</summary>
static class Build
{
    public const string Account = "111122223333";
    public const string Other = "444455556666";
    public const string Role = $"arn:aws:iam::{Account}:role/app";
    public const string Session = $"arn:aws:sts::{Account}:assumed-role/app/session1";
    public const string User = $"arn:aws:iam::{Account}:user/alice";
    public const string OtherRole = $"arn:aws:iam::{Other}:role/partner";

    /// <summary>A 2012-10-17 policy from statement JSON objects.</summary>
    public static PolicyDocument Doc(PolicyKind kind, params string[] statements) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""", kind, $"{kind}-test");

    public static PolicyDocument Identity(params string[] statements) => Doc(PolicyKind.Identity, statements);
    public static PolicyDocument Resource(params string[] statements) => Doc(PolicyKind.Resource, statements);

    public static string Allow(string action, string resource = "*", string extra = "") =>
        $$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"{{extra}}}""";

    public static string Deny(string action, string resource = "*", string extra = "") =>
        $$"""{"Effect":"Deny","Action":"{{action}}","Resource":"{{resource}}"{{extra}}}""";

    public static string Condition(string json) => $$""","Condition":{{json}}""";

    public static string PrincipalJson(string json) => $$""","Principal":{{json}}""";

    public static Principal PrincipalFor(string arn) =>
        arn == Session ? Model.Principal.Session(Session, Role) : Model.Principal.Parse(arn);

    public static Decision Decide(PolicySet set, string principal, string action, string resource, RequestContext? context = null) =>
        PolicyEvaluator.Evaluate(set, new AccessRequest(PrincipalFor(principal), Matching.ActionName.Parse(action), resource, context)).Decision;

    public static RequestContext Context(params (string Key, string Value)[] entries)
    {
        var context = new RequestContext();
        foreach (var group in entries.GroupBy(e => e.Key)) context.Set(group.Key, [.. group.Select(e => e.Value)]);
        return context;
    }
}
