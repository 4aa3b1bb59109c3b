using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Access;
using CloudAudit.Access.Administrators;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Verification;
using CloudAudit.Cli.Output;
using CloudAudit.Reports.Access;
using CloudAudit.Policy.Evaluation;
using Spectre.Console;

namespace CloudAudit.Cli.Commands;

/// <summary>The answers of <c>access</c> as a table (for people) or JSON (for scripts).</summary>
internal static class AccessOutput
{
    // ARNs, conditions and reasons stay readable: no \u0027 for an apostrophe or \u0022 for a quote.
    private static readonly AccessJsonContext Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The question cannot be answered at all (the authorization details were not read): exit 1, never "nobody".</summary>
    public static int NotAssessed(TextWriter output, string format, string accountId, string cause)
    {
        if (format == "json") output.WriteLine(JsonSerializer.Serialize(new NotAssessedJson(accountId, cause), Json.NotAssessedJson));
        else output.WriteLine($"NOT ASSESSED for account {accountId}: {cause}");
        return ExitCodes.Findings;
    }

    public static void Admins(TextWriter output, string format, AccessModel model, IReadOnlyList<AdminJudgement> admins,
        IReadOnlyList<AdminJudgement> conditional, IReadOnlyList<string> notAssessed, IReadOnlyList<ProofResult>? proofs = null)
    {
        if (format == "json")
        {
            var json = AccessJson.Admins(model.AccountId, admins, conditional, notAssessed, proofs);
            output.WriteLine(JsonSerializer.Serialize(json, Json.AdminsJson));
            return;
        }
        var console = Console(output);
        console.WriteLine($"Administrators of account {model.AccountId}: {admins.Count}");
        if (admins.Count > 0) console.Write(AdminTable(admins, proofs));
        if (conditional.Count > 0)
        {
            console.WriteLine($"Administrators when the conditions of their policies hold: {conditional.Count}");
            console.Write(AdminTable(conditional, null));
        }
        WriteList(console, "NOT ASSESSED", notAssessed);
    }

    public static void WhoCan(TextWriter output, string format, WhoCanAnswer answer, IReadOnlyList<ProofResult>? proofs = null)
    {
        if (format == "json")
        {
            var json = AccessJson.WhoCan(answer, proofs);
            output.WriteLine(JsonSerializer.Serialize(json, Json.WhoCanJson));
            return;
        }
        var console = Console(output);
        console.WriteLine($"Allowed {answer.Action} on {answer.Resource}: {answer.Principals.Count}");
        if (answer.Principals.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Principal", "Type", "Via", "Only when");
            if (proofs is not null) table.AddColumn("Verified by AWS");
            foreach (var (p, i) in answer.Principals.Select((p, i) => (p, i)))
            {
                string[] cells = [Markup.Escape(p.Principal), p.Type, Markup.Escape(string.Join("\n", p.Via.Select(Describe))), Markup.Escape(string.Join("\n", p.Conditions))];
                table.AddRow(proofs is null ? cells : [.. cells, Markup.Escape(ProofText(proofs[i]))]);
            }
            console.Write(table);
        }
        WriteList(console, "NOT ASSESSED", answer.NotAssessed);
        WriteList(console, "Caveats", answer.Caveats);
    }

    public static void CanI(TextWriter output, string format, AccessDecision decision, ProofResult? proof = null)
    {
        var verdict = AccessJson.Verdict(decision);
        if (format == "json")
        {
            var json = AccessJson.CanI(decision, proof);
            output.WriteLine(JsonSerializer.Serialize(json, Json.CanIJson));
            return;
        }
        output.WriteLine($"{decision.Principal.Arn} {decision.Action} on {decision.Resource}: {verdict}");
        if (decision.NotAssessed is { } why) output.WriteLine($"NOT ASSESSED: {why} (the policies that were read decide: {DecisionText(decision.Decision)})");
        output.WriteLine($"reason: {decision.Reason}");
        if (decision.ResourcePolicy is { } policy) output.WriteLine($"resource policy: {policy}");
        if (decision.Statements.Count > 0)
        {
            output.WriteLine("statements:");
            foreach (var s in decision.Statements) output.WriteLine($"  {Describe(s)}");
        }
        foreach (var caveat in decision.Caveats) output.WriteLine($"caveat: {caveat}");
        if (proof is not null) output.WriteLine($"verified by AWS: {ProofText(proof)}");
    }

    private static Table AdminTable(IReadOnlyList<AdminJudgement> judgements, IReadOnlyList<ProofResult>? proofs)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Principal", "Type", "Why");
        if (proofs is not null) table.AddColumn("Verified by AWS");
        for (var i = 0; i < judgements.Count; i++)
        {
            var j = judgements[i];
            string[] cells = [Markup.Escape(j.Principal), j.Type, Markup.Escape(string.Join("\n", j.Reasons))];
            table.AddRow(proofs is null ? cells : [.. cells, Markup.Escape(ProofText(proofs[i]))]);
        }
        return table;
    }

    /// <summary>Proof Mode's verdict in a line: yes, NO (AWS disagrees) or not verified, and why.</summary>
    private static string ProofText(ProofResult proof) =>
        $"{proof.Verified switch { true => "yes", false => "NO", null => "unknown" }}: {proof.Detail}";

    private static void WriteList(IAnsiConsole console, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0) return;
        console.WriteLine($"{title}:");
        foreach (var item in items) console.WriteLine($"  {item}");
    }

    private static IAnsiConsole Console(TextWriter output) =>
        Terminal.For(output, Terminal.StdoutIsTerminal && ReferenceEquals(output, System.Console.Out));

    private static string Describe(MatchedStatement s) =>
        $"{s.Effect} by {JsonNamingPolicy.SnakeCaseLower.ConvertName(s.Kind.ToString()).Replace('_', ' ')} policy {s.PolicyName}, statement {s.StatementIndex}{(s.Sid is null ? "" : $" ({s.Sid})")}";

    private static string DecisionText(Decision decision) => AccessJson.DecisionText(decision);
}

[JsonSerializable(typeof(NotAssessedJson))]
[JsonSerializable(typeof(AdminsJson))]
[JsonSerializable(typeof(WhoCanJson))]
[JsonSerializable(typeof(CanIJson))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
