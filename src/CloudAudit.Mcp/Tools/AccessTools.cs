using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Serialization;
using CloudAudit.Access;
using CloudAudit.Access.Queries;
using CloudAudit.Access.Verification;
using CloudAudit.Inventory;
using CloudAudit.Reports.Access;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Arn = CloudAudit.Policy.Matching.Arn;

namespace CloudAudit.Mcp.Tools;

/// <summary><c>access admins -f json</c>'s answer, its administrators paginated; <c>not_assessed</c> says when there is no answer.</summary>
public sealed record AdminsResult(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("admins")] IReadOnlyList<AdminJson> Admins,
    [property: JsonPropertyName("conditional_admins")] IReadOnlyList<AdminJson> ConditionalAdmins,
    [property: JsonPropertyName("not_assessed")] IReadOnlyList<string> NotAssessed,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary><c>access who-can -f json</c>'s answer, its principals paginated.</summary>
public sealed record WhoCanResult(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("principals")] IReadOnlyList<PartyJson> Principals,
    [property: JsonPropertyName("not_assessed")] IReadOnlyList<string> NotAssessed,
    [property: JsonPropertyName("caveats")] IReadOnlyList<string> Caveats,
    [property: JsonPropertyName("page")] PageInfo Page);

/// <summary><c>access can-i -f json</c>'s answer, and the request context it was decided with.</summary>
public sealed record CanIResult(
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("context")] IReadOnlyDictionary<string, string> Context,
    [property: JsonPropertyName("answer")] CanIJson Answer);

/// <summary>
/// Effective access over the last scan's inventory, answered by the policy engine from the account's real policies
/// (identity, boundaries, SCPs, resource policies), as <c>cloud-audit access</c> answers.
/// </summary>
[McpServerToolType]
public sealed class AccessTools(ScanSession session)
{
    private readonly ConcurrentDictionary<(long, string), Lazy<AccessModel>> models = new();

    [McpServerTool(Name = "access_admins", Title = "Who is an administrator", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(AdminsResult))]
    [Description("List every user, role and group that is effectively an administrator of the scanned account, and why (which policies "
        + "grant it, directly, through groups or by escalation), from the last scan's inventory. Use it for 'who can do anything here' questions. "
        + "A principal whose policies could not be read is listed as not assessed, never left out. Paginated by cursor.")]
    public async Task<CallToolResult> AccessAdmins(
        [Description("Account ID, when the last scan covered several; empty for its only (or first) account")] string account_id = "",
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description("Ask AWS's own evaluator (iam:SimulatePrincipalPolicy, a read) to confirm each answer on this page, as `access admins --verify` does: "
            + "verified true, false (with the layer AWS says denied) or null (AWS could not be asked); needs a scan_aws scan of the account")] bool verify = false,
        CancellationToken cancel = default)
    {
        var (held, model) = Model(account_id, null);
        if (model.Gap is { } gap) return NotAssessed(model, gap);
        var (admins, page) = Paging.Slice(model.Administrators(), cursor, 50, $"access_admins|{held.Sequence}|{model.AccountId}");
        var proofs = verify ? await Verify(held, model, admins, (admin, simulator, token) => Proof.VerifyAsync(model, admin, simulator, token), cancel) : null;
        var answer = AccessJson.Admins(model.AccountId, admins, model.AdministratorsWhenConditionsHold(),
            [.. model.Iam.Entities.Where(e => e.Unassessable is not null && !e.IsServiceLinked).Select(e => $"{e.Arn}: {e.Unassessable}")], proofs);
        var result = new AdminsResult(model.AccountId, answer.Admins, answer.ConditionalAdmins, answer.NotAssessed, page);
        return ToolResults.Of(result, McpJson.Type<AdminsResult>(),
            $"Account {model.AccountId}: {page.Describe("administrators")}"
            + (answer.ConditionalAdmins.Count > 0 ? $", {answer.ConditionalAdmins.Count} more when their policies' conditions hold" : "")
            + (answer.NotAssessed.Count > 0 ? $"; {answer.NotAssessed.Count} principal(s) NOT ASSESSED" : "") + Verification(proofs) + ".");
    }

    [McpServerTool(Name = "who_can", Title = "Who can do an action", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(WhoCanResult))]
    [Description("List every principal of the account, and every outside party a resource policy admits, that is allowed an action on a "
        + "resource, with the statements that allow it and the conditions it depends on, from the last scan's inventory. Use it for 'who can "
        + "read this bucket / decrypt with this key / delete this table' questions. Paginated by cursor.")]
    public async Task<CallToolResult> WhoCan(
        [Description("The IAM action, e.g. s3:GetObject or kms:Decrypt")] string action,
        [Description("The resource ARN, e.g. arn:aws:s3:::my-bucket/*; empty or * for every resource")] string resource = "",
        [Description("Account ID, when the last scan covered several; empty for the resource's account")] string account_id = "",
        [Description("The next_cursor of the previous page; empty for the first page")] string cursor = "",
        [Description("Ask AWS's own evaluator (iam:SimulatePrincipalPolicy, a read) to confirm each answer on this page, as `access who-can --verify` does: "
            + "verified true, false (with the layer AWS says denied) or null (AWS could not be asked); needs a scan_aws scan of the account")] bool verify = false,
        CancellationToken cancel = default)
    {
        var (actionName, resourceArn) = Checked(() => (AccessArguments.Action(action), AccessArguments.Resource(resource)));
        var (held, model) = Model(account_id, Arn.AccountOf(resourceArn));
        if (model.Gap is { } gap) return NotAssessed(model, gap);
        var allowed = model.WhoCan(actionName, resourceArn);
        var (parties, page) = Paging.Slice(allowed.Principals, cursor, 50, $"who_can|{held.Sequence}|{model.AccountId}|{actionName}|{resourceArn}");
        var proofs = verify
            ? await Verify(held, model, parties, (party, simulator, token) => Proof.VerifyAsync(model, party, actionName, resourceArn, simulator, token), cancel)
            : null;
        var answer = AccessJson.WhoCan(allowed with { Principals = parties }, proofs);
        var result = new WhoCanResult(model.AccountId, answer.Action, answer.Resource, answer.Principals, answer.NotAssessed, answer.Caveats, page);
        return ToolResults.Of(result, McpJson.Type<WhoCanResult>(),
            $"{answer.Action} on {answer.Resource} in account {model.AccountId}: {page.Describe("principals allowed")}"
            + (answer.NotAssessed.Count > 0 ? $"; {answer.NotAssessed.Count} NOT ASSESSED (not 'nobody')" : "")
            + (answer.Caveats.Count > 0 ? $". Caveats: {string.Join(" ", answer.Caveats)}" : "") + Verification(proofs) + ".");
    }

    [McpServerTool(Name = "can_i", Title = "Can a principal do an action", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(CanIResult))]
    [Description("Decide whether a user or role may perform an action on a resource, as AWS would (identity and resource policies, "
        + "permission boundaries, SCPs), and give the statements that decide it, from the last scan's inventory. Use it for 'can this role "
        + "delete that bucket' questions; give context for conditions ('from this IP', 'with MFA', 'over TLS'). The answer can be not assessed "
        + "when a policy it needs was not read.")]
    public async Task<CallToolResult> CanI(
        [Description("The user or role ARN (an assumed-role session ARN stands for its role)")] string principal,
        [Description("The IAM action, e.g. s3:DeleteBucket")] string action,
        [Description("The resource ARN; empty or * for every resource")] string resource = "",
        [Description("Account ID, when the last scan covered several; empty for the principal's account")] string account_id = "",
        [Description("Request context the policies' conditions read, as condition key to value, e.g. {\"aws:MultiFactorAuthPresent\": \"true\", "
            + "\"aws:SourceIp\": \"203.0.113.9\"}; each value must have its key's type (as `access can-i --context KEY=VALUE`). Keys not given are absent from the request")]
        IReadOnlyDictionary<string, string>? context = null,
        [Description("Ask AWS's own evaluator (iam:SimulatePrincipalPolicy, a read) to confirm the answer, with the same context, as `access can-i --verify` does: "
            + "verified true, false (with the layer AWS says denied) or null (AWS could not be asked); needs a scan_aws scan of the account")] bool verify = false,
        CancellationToken cancel = default)
    {
        var (principalArn, actionName, resourceArn) = Checked(() =>
            (AccessArguments.PrincipalArn(principal.Trim()), AccessArguments.Action(action), AccessArguments.Resource(resource)));
        var contextValues = Checked(() => AccessArguments.Context(context ?? new Dictionary<string, string>()), "context ");
        var (held, model) = Model(account_id, Arn.AccountOf(principalArn));
        if (model.Gap is { } gap) return NotAssessed(model, gap);
        var entity = Checked(() => AccessArguments.Find(model, principalArn));
        var decision = model.CanDo(entity, actionName, resourceArn, contextValues);
        var proof = verify ? (await Verify(held, model, [decision], (d, simulator, token) => Proof.VerifyAsync(model, d, contextValues, simulator, token), cancel))[0] : null;
        var answer = AccessJson.CanI(decision, proof);
        return ToolResults.Of(new CanIResult(model.AccountId, contextValues, answer), McpJson.Type<CanIResult>(),
            $"{answer.Principal} {answer.Action} on {answer.Resource}"
            + (contextValues.Count > 0 ? $" with {string.Join(", ", contextValues.Select(c => $"{c.Key}={c.Value}"))}" : "")
            + $": {answer.Decision.ToUpperInvariant()} ({answer.Reason})"
            + (answer.NotAssessed is { } why ? $". NOT ASSESSED: {why}" : "") + (proof is null ? "" : $". Proof Mode: {proof.Detail}") + ".");
    }

    /// <summary>
    /// Proof Mode over a page of answers, through AWS's evaluator as the scan reached the account; refused for a scan
    /// that did not read a live account (a snapshot or the demo), as <c>access --verify --snapshot</c> is.
    /// </summary>
    private static async Task<IReadOnlyList<ProofResult>> Verify<T>(HeldScan held, AccessModel model, IReadOnlyList<T> items,
        Func<T, IPolicySimulator, CancellationToken, Task<ProofResult>> verify, CancellationToken cancel)
    {
        var simulator = held.Simulator?.Invoke() ?? throw new ToolInputException(
            $"verify asks AWS's own evaluator (iam:SimulatePrincipalPolicy) about the live account, and the last scan of {model.AccountId} "
            + $"is a {held.Report.Source} scan: run scan_aws on the account first, or call without verify");
        try
        {
            return await Proof.VerifyEachAsync(items, (item, token) => verify(item, simulator, token), cancel).ConfigureAwait(false);
        }
        finally
        {
            (simulator as IDisposable)?.Dispose();
        }
    }

    /// <summary>"; AWS's evaluator agrees on 4, disagrees on 1, was not asked about 2", for a summary.</summary>
    private static string Verification(IReadOnlyList<ProofResult>? proofs) => proofs is null || proofs.Count == 0 ? ""
        : $"; Proof Mode: AWS's evaluator agrees on {proofs.Count(p => p.Verified == true)}, disagrees on {proofs.Count(p => p.Verified == false)}"
            + $", could not be asked about {proofs.Count(p => p.Verified is null)} (see verified and verification)";

    /// <summary>The access model of the account asked about, built once per scan and account.</summary>
    private (HeldScan Held, AccessModel Model) Model(string accountId, string? hint)
    {
        var named = string.IsNullOrWhiteSpace(accountId) ? null : accountId.Trim();
        var held = session.Current(named);
        var accounts = held.Inventory.Accounts;
        var account = named is not null
            ? accounts.FirstOrDefault(a => a.AccountId == named)
            : accounts.Count == 1 ? accounts[0]
            : accounts.FirstOrDefault(a => a.AccountId == hint) ?? accounts.FirstOrDefault();
        if (account is null)
            throw new ToolInputException($"the last scan holds no account {named}; it has {string.Join(", ", accounts.Select(a => a.AccountId))}");
        var model = models.GetOrAdd((held.Sequence, account.AccountId),
            _ => new Lazy<AccessModel>(() => AccessModel.Build(new AccountData(account), held.Inventory.CollectedAt))).Value;
        return (held, model);
    }

    private static CallToolResult NotAssessed(AccessModel model, DataGap gap) =>
        ToolResults.Error($"NOT ASSESSED for account {model.AccountId}: {gap.Cause}: {gap}. The scan could not read the account's IAM "
            + "authorization details, so no access question can be answered (not 'nobody').");

    private static T Checked<T>(Func<T> read, string prefix = "")
    {
        try
        {
            return read();
        }
        catch (AccessArgumentException e)
        {
            throw new ToolInputException(prefix + e.Message);
        }
    }
}
