using System.Globalization;
using System.Text;
using CloudAudit.Access.Escalation;
using CloudAudit.Checks.Bench;
using CloudAudit.Inventory;

namespace CloudAudit.Access.Tests;

/// <summary>
/// The bench's synthetic accounts (typical and dense), small: every escalation finding and chain, every administrator
/// verdict and three who-can answers, in full, equal the answers recorded before the engine's caches and indexes were
/// added. A speed-up must not change one of them. To record again after an intended change of the answers, run the
/// tests with CLOUD_AUDIT_RECORD=1 and review the diff of tests/CloudAudit.Access.Tests/Recorded.
/// </summary>
public class SyntheticAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Answers_on_the_bench_account_are_the_recorded_ones(bool dense)
    {
        var inventory = SyntheticAuthorization.Generate(roles: 400, users: 60, policies: 40, seed: 11, dense);
        var model = AccessModel.Build(new AccountData(inventory), Now);
        var answers = Render(model);

        var name = dense ? "synthetic-dense.txt" : "synthetic-typical.txt";
        if (Environment.GetEnvironmentVariable("CLOUD_AUDIT_RECORD") == "1")
        {
            var source = Path.Combine(RepositoryRoot(), "tests", "CloudAudit.Access.Tests", "Recorded", name);
            File.WriteAllText(source, answers);
            return;
        }
        var recorded = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", name));
        Assert.True(recorded.Length > 10_000, "the recording holds the findings");
        var expected = recorded.Split('\n');
        var actual = answers.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0 && expected.Length == actual.Length,
            first < 0 ? $"{actual.Length} lines, {expected.Length} recorded" : $"line {first + 1}:\n  recorded {expected[first]}\n  now      {actual[first]}");
    }

    private static string Render(AccessModel model)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        var escalation = model.Escalation;
        Line($"principals analysed {escalation.PrincipalsAnalysed}, {escalation.Findings.Count} findings, {escalation.Chains.Count} chains, {escalation.Gaps.Count} gaps");
        foreach (var finding in escalation.Findings)
        {
            Line($"{finding.Principal.Arn}#{finding.Path.Id} {finding.Outcome} more={finding.MoreTargets} also=[{string.Join(",", finding.AlsoOpens)}] deny=[{string.Join(",", finding.DenyResources)}]");
            foreach (var target in finding.Targets)
                Line($"  target {target.Label} {target.Arn} ({target.Why}){(target.Onward is { } onward ? " onward " + onward : "")}");
            foreach (var step in finding.Evidence)
                Line($"  step {step.Action} on {step.Resource} by {Statements(step.AllowedBy)}");
        }
        foreach (var chain in escalation.Chains)
        {
            Line($"chain {chain}");
            foreach (var hop in chain.Hops)
                Line($"  hop {hop.From} -> {hop.To} {hop.Method}: {hop.Gains}; {string.Join("; ", hop.Steps.Select(s => $"{s.Action} on {s.Resource} by {Statements(s.AllowedBy)}"))}");
        }
        foreach (var judgement in model.Administrators().Concat(model.AdministratorsWhenConditionsHold()))
            Line($"admin {judgement.Principal} {judgement.Status} first-not-allowed={judgement.FirstActionNotAllowed}: {string.Join(" | ", judgement.Reasons)}");
        foreach (var (action, resource) in new[] { ("s3:GetObject", "arn:aws:s3:::bucket-042/report.csv"), ("iam:PassRole", "*"), ("sts:AssumeRole", $"arn:aws:iam::{SyntheticAuthorization.Account}:role/role-00007") })
        {
            var answer = model.WhoCan(action, resource);
            Line($"who-can {action} {resource}: {answer.Principals.Count} allowed, not assessed [{string.Join(", ", answer.NotAssessed)}]");
            foreach (var party in answer.Principals)
                Line($"  {party.Principal} {party.Type} via {Statements(party.Via)} conditions [{string.Join(", ", party.Conditions)}]");
        }
        Line($"assume-role edges {model.AssumeRoleEdges.Count}");
        return text.ToString();
    }

    private static string Statements(IEnumerable<Policy.Evaluation.MatchedStatement> statements) =>
        string.Join(", ", statements.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Kind}:{m.PolicyName}#{m.StatementIndex}{m.Effect}")));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CloudAudit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
