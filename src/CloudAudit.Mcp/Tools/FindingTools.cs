using System.ComponentModel;
using System.Text.Json.Serialization;
using CloudAudit.Analysis;
using CloudAudit.Analysis.Remediation;
using CloudAudit.Checks;
using CloudAudit.Checks.Framework;
using CloudAudit.Reports.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CloudAudit.Mcp.Tools;

/// <summary>A page of active findings, each as the JSON report writes it.</summary>
public sealed record FindingsResult(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("scan_source")] string ScanSource,
    [property: JsonPropertyName("filters")] IReadOnlyDictionary<string, string> Filters,
    [property: JsonPropertyName("findings")] IReadOnlyList<JsonFinding> Findings,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>A page of attack chains, as the JSON report writes them (their findings in full).</summary>
public sealed record AttackChainsResult(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("attack_chains")] IReadOnlyList<JsonAttackChain> AttackChains,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>One resource's fix, real IDs filled in.</summary>
public sealed record ResourceFix(
    [property: JsonPropertyName("resource_id")] string ResourceId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("severity")] Severity Severity,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("remediation")] RenderedRemediation? Remediation);

/// <summary>How to fix one check's findings in the last scan.</summary>
public sealed record RemediationResult(
    [property: JsonPropertyName("check_id")] string CheckId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("recommendation")] string Recommendation,
    [property: JsonPropertyName("effort")] Effort Effort,
    [property: JsonPropertyName("doc_url")] string DocUrl,
    [property: JsonPropertyName("chains_broken")] IReadOnlyList<string> ChainsBroken,
    [property: JsonPropertyName("fixes")] IReadOnlyList<ResourceFix> Fixes,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary>The health score and what makes it up, with the fixes that break the most attack chains.</summary>
public sealed record HealthScoreResult(
    [property: JsonPropertyName("scan")] ScanSummaryResult Scan,
    [property: JsonPropertyName("score_formula")] string ScoreFormula,
    [property: JsonPropertyName("remediation_plan")] IReadOnlyList<RootCause> RemediationPlan,
    [property: JsonPropertyName("remediation_plan_total")] int RemediationPlanTotal);

/// <summary>The query tools over the scans the session holds: findings, chains, fixes, score.</summary>
[McpServerToolType]
public sealed class FindingTools(ScanSession session)
{
    public const int MaxPage = 100;
    private const string AccountHelp = "Account ID whose last scan to read; empty for the most recent scan";

    [McpServerTool(Name = "get_findings", Title = "Findings of the last scan", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(FindingsResult))]
    [Description("List the active findings of the last scan (after suppressions and the severity threshold), most severe first, each with "
        + "resource, region, description, recommendation and its fix. Use it to answer 'what is wrong' questions; filter by severity or service. "
        + "Paginated: when page.next_cursor is set, call again with it to get the rest.")]
    public CallToolResult GetFindings(
        [Description("Only this severity: critical, high, medium, low or info; empty for all")] string severity = "",
        [Description("Only checks of this service, as in the check ID (iam, s3, ec2, ct, cw …) or by name (cloudtrail); empty for all")] string service = "",
        [Description("Findings per page, 1 to 100")] int limit = 20,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description(AccountHelp)] string account_id = "")
    {
        if (limit is < 1 or > MaxPage) throw new ToolInputException($"limit must be between 1 and {MaxPage} (got {limit})");
        var held = session.Current(account_id);
        Severity? only = string.IsNullOrWhiteSpace(severity) ? null : Severities.Parse(severity, "severity");
        var serviceName = service.Trim();
        if (serviceName.Length > 0 && !CheckRegistry.All.Any(c => CheckSelection.MatchesService(c.Info, serviceName)))
            throw new ToolInputException($"unknown service '{serviceName}'; known: {string.Join(", ", CheckRegistry.All.Select(c => c.Info.IdService).Distinct().Order())}");
        var account = Scope(held, account_id);
        var findings = held.Report.Results
            .Where(r => serviceName.Length == 0 || CheckSelection.MatchesService(r.Info, serviceName))
            .SelectMany(r => r.Findings.Where(f => f.Disposition == FindingDisposition.Active))
            .Where(f => only is null || f.Finding.Severity == only)
            .Where(f => account is null || f.Finding.AccountId == account)
            .OrderBy(f => f.Finding.Severity).ThenBy(f => f.Finding.CheckId, StringComparer.Ordinal)
            .ThenBy(f => f.Finding.AccountId, StringComparer.Ordinal).ThenBy(f => f.Finding.ResourceId, StringComparer.Ordinal)
            .ToList();
        var (items, page) = Paging.Slice(findings, cursor, limit, $"get_findings|{held.Sequence}|{only}|{serviceName}|{account}|{limit}");
        var filters = new Dictionary<string, string>();
        if (only is { } s) filters["severity"] = s.Lower();
        if (serviceName.Length > 0) filters["service"] = serviceName;
        var result = new FindingsResult(account ?? held.Report.AccountId, held.Report.Source, filters, [.. items.Select(JsonReportWriter.Finding)], page);
        var worst = items.Take(3).Select(f => $"{f.Finding.Severity.Upper()} {f.Finding.CheckId} {f.Finding.ResourceId}");
        return ToolResults.Of(result, McpJson.Type<FindingsResult>(),
            $"{Capital(page.Describe("active findings"))}{(filters.Count > 0 ? $" ({string.Join(", ", filters.Select(p => $"{p.Key} {p.Value}"))})" : "")}."
            + (items.Count > 0 ? $" First: {string.Join("; ", worst)}." : ""));
    }

    [McpServerTool(Name = "get_attack_chains", Title = "Attack chains of the last scan", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(AttackChainsResult))]
    [Description("List the attack chains of the last scan: findings that together give an attacker a path (internet-exposed instance with an "
        + "admin role, public bucket with secrets …), most severe first, each with its narrative, the resources it runs through, MITRE ATT&CK "
        + "techniques and the one fix that breaks it. Use it to prioritise: chains matter more than single findings. Paginated by cursor.")]
    public CallToolResult GetAttackChains(
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description(AccountHelp)] string account_id = "")
    {
        var held = session.Current(account_id);
        var account = Scope(held, account_id);
        var chains = JsonReportWriter.AttackChains(held.Report).Where(c => account is null || c.AccountId == account).ToList();
        var (items, page) = Paging.Slice(chains, cursor, 10, $"get_attack_chains|{held.Sequence}|{account}");
        var result = new AttackChainsResult(account ?? held.Report.AccountId, items, page);
        return ToolResults.Of(result, McpJson.Type<AttackChainsResult>(),
            $"{Capital(page.Describe("attack chains"))}." + (items.Count > 0
                ? " " + string.Join("; ", items.Take(3).Select(c => $"{c.ChainId} {c.Severity.Upper()} {c.Name} (fix: {c.Fix.Title})")) + "."
                : ""));
    }

    [McpServerTool(Name = "get_remediation", Title = "How to fix a check's findings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RemediationResult))]
    [Description("Give the fix for one check's findings in the last scan: an AWS CLI command and Terraform for each failing resource, real IDs "
        + "filled in, the effort, and the attack chains the fix breaks. Use it when the user asks how to fix something. The commands are for "
        + "the user to review and run; this server never runs them. Paginated by cursor when many resources fail.")]
    public CallToolResult GetRemediation(
        [Description("Check ID such as aws-s3-001 (see list_checks or get_findings)")] string check_id,
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description(AccountHelp)] string account_id = "")
    {
        var check = CheckIds.Require(check_id);
        var held = session.Current(account_id);
        var account = Scope(held, account_id);
        var results = held.Report.Results.Where(r => r.Info.Id == check.Info.Id && (account is null || r.Result.AccountId == account)).ToList();
        var active = results.SelectMany(r => r.Findings.Where(f => f.Disposition == FindingDisposition.Active)).Select(f => f.Finding)
            .OrderBy(f => f.AccountId, StringComparer.Ordinal).ThenBy(f => f.ResourceId, StringComparer.Ordinal).ToList();
        var (items, page) = Paging.Slice(active, cursor, 20, $"get_remediation|{held.Sequence}|{check.Info.Id}|{account}");
        var status = results.Count == 0 ? "NOT RUN" : string.Join(", ", results.Select(r => StatusText(r)).Distinct());
        var chains = held.Report.AttackPaths.RootCauses.FirstOrDefault(c => c.CheckId == check.Info.Id)?.ChainsBroken ?? [];
        var result = new RemediationResult(check.Info.Id, check.Info.Title, status, check.Info.Recommendation, check.Info.Remediation.Effort,
            check.Info.Remediation.DocUrl, chains,
            [.. items.Select(f => new ResourceFix(f.ResourceId, f.Region, f.AccountId, f.Severity, f.Description, f.Remediation))], page);
        var summary = active.Count == 0
            ? $"{check.Info.Id} ({check.Info.Title}) has no active finding in the last scan (status {status}); nothing to fix."
            : $"{check.Info.Id} ({check.Info.Title}): {page.Describe("failing resources")}, effort {check.Info.Remediation.Effort.Lower()}"
              + (chains.Count > 0 ? $"; fixing it breaks attack chain(s) {string.Join(", ", chains)}" : "") + ". Review each command before running it.";
        return ToolResults.Of(result, McpJson.Type<RemediationResult>(), summary);
    }

    [McpServerTool(Name = "get_health_score", Title = "Health score of the last scan", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HealthScoreResult))]
    [Description("Give the health score (0-100) of the last scan with what makes it up: findings per severity, attack chains, checks passed, "
        + "failed, not assessed and errored, suppressed findings, and the remediation plan (the fixes that break the most attack chains first). "
        + "Use it for an overview or to report posture.")]
    public CallToolResult GetHealthScore([Description(AccountHelp)] string account_id = "")
    {
        var held = session.Current(account_id);
        var summary = ScanSummaryResult.From(held.Report, []);
        var plan = held.Report.AttackPaths.RootCauses;
        var result = new HealthScoreResult(summary, "100 minus 20/10/5/2 per critical/high/medium/low active finding, floor 0",
            [.. plan.Take(10)], plan.Count);
        var text = $"Health score {summary.HealthScore}/100 for {(summary.Accounts.Count == 1 ? $"account {summary.AccountId}" : $"{summary.Accounts.Count} accounts")}: "
            + $"{summary.TotalFindings} active finding(s) ({Severities.Describe(summary.BySeverity)}), {summary.AttackChains} attack chain(s)."
            + (plan.Count > 0 ? $" Fix first: {plan[0].CheckId} ({plan[0].FixTitle}), breaks {plan[0].ChainsBroken.Count} chain(s)." : "")
            + (plan.Count > 10 ? $" The plan has {plan.Count} steps; the first 10 are listed." : "");
        return ToolResults.Of(result, McpJson.Type<HealthScoreResult>(), text);
    }

    /// <summary>The account a query is narrowed to: the one named, when the held scan covers several.</summary>
    private static string? Scope(HeldScan held, string account) =>
        string.IsNullOrWhiteSpace(account) || held.Report.AccountIds.Count == 1 ? null : account.Trim();

    private static string StatusText(AnalyzedResult r) => r.Result.Status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Error => "ERROR",
        CheckStatus.NotAssessed => "NOT ASSESSED",
        _ => "NOT APPLICABLE",
    };

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
