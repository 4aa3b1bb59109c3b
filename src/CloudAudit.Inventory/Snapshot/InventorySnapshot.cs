using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CloudAudit.Inventory.Snapshot;

/// <summary>
/// The saved form of everything a scan evaluates: raw AWS API responses (AWS CLI JSON shape)
/// and the errors of calls that failed. Versioned so older files stay readable.
/// </summary>
public sealed class InventorySnapshot
{
    public const string FormatName = "cloud-audit-inventory";
    public const int CurrentVersion = 1;

    [JsonPropertyName("format")] public string Format { get; set; } = FormatName;
    [JsonPropertyName("version")] public int Version { get; set; } = CurrentVersion;
    [JsonPropertyName("tool_version")] public string? ToolVersion { get; set; }
    [JsonPropertyName("collected_at")] public DateTimeOffset CollectedAt { get; set; }
    /// <summary>Where the data came from: "live", "demo", or free text.</summary>
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("accounts")] public List<AccountInventory> Accounts { get; set; } = [];
    /// <summary>Set when the accounts were chosen from an AWS Organization (<c>--organization</c>); null otherwise.</summary>
    [JsonPropertyName("organization")] public OrganizationScope? Organization { get; set; }
    /// <summary>Set when this inventory is one share of a sharded run (<c>--shard K/N</c>); <c>merge</c> combines the shares.</summary>
    [JsonPropertyName("shard")] public ShardScope? Shard { get; set; }
    /// <summary>
    /// The organization's own data (delegated administrators …), read once by the caller of <c>--organization</c> (the
    /// management account or a delegated administrator; its account ID is the caller's) for the organization checks,
    /// which are evaluated on it once. Collected by the unsharded run or by shard 1 only, so merged shards hold one copy.
    /// </summary>
    [JsonPropertyName("organization_inventory")] public AccountInventory? OrganizationInventory { get; set; }

    /// <summary>Whether this inventory is the one of its run that carries the organization's data (unsharded, or shard 1).</summary>
    [JsonIgnore] public bool CarriesOrganization => Organization is not null && (Shard is null || Shard.Index == 1);
}

/// <summary>The organization a multi-account inventory was chosen from.</summary>
public sealed class OrganizationScope
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("management_account_id")] public string ManagementAccountId { get; set; } = "";
}

/// <summary>Which share of a sharded run this is: shard <see cref="Index"/> (1-based) of <see cref="Count"/>.</summary>
public sealed class ShardScope
{
    [JsonPropertyName("index")] public int Index { get; set; }
    [JsonPropertyName("count")] public int Count { get; set; }
    /// <summary>How many accounts the whole run covers, across every shard.</summary>
    [JsonPropertyName("accounts_total")] public int AccountsTotal { get; set; }
    /// <summary>What the split was balanced by (<see cref="ShardSplit"/>); null in files written before it was recorded.</summary>
    [JsonPropertyName("balance")] public string? Balance { get; set; }
    /// <summary>The digest of the whole split (<see cref="ShardSplit.Digest"/>): every shard of one run carries the same.</summary>
    [JsonPropertyName("split_digest")] public string? SplitDigest { get; set; }
    /// <summary>Every account of the run and the shard it went to, so <c>merge</c> can name an account no shard holds.</summary>
    [JsonPropertyName("assignment")] public SortedDictionary<string, int>? Assignment { get; set; }
}

public sealed class AccountInventory
{
    [JsonPropertyName("account_id")] public string AccountId { get; set; } = "";
    [JsonPropertyName("partition")] public string Partition { get; set; } = "aws";
    [JsonPropertyName("alias")] public string? Alias { get; set; }
    /// <summary>The regions the scan covered (what "every region" means for regional checks).</summary>
    [JsonPropertyName("regions")] public List<string> Regions { get; set; } = [];
    [JsonPropertyName("calls")] public List<ApiRecord> Calls { get; set; } = [];
    /// <summary>The account's name in its organization, when it was chosen from one.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>The organizational units above the account, root first (not the root itself); empty directly under the root.</summary>
    [JsonPropertyName("ou_path")] public List<OrganizationalUnitRef>? OuPath { get; set; }
    /// <summary>Why nothing of the account could be read (its role could not be assumed, it timed out); null when it was collected.</summary>
    [JsonPropertyName("not_assessed")] public string? NotAssessed { get; set; }
    /// <summary>
    /// How long the account's own collection took (its waits for a place among the accounts in flight not counted), for
    /// balancing the next sharded run; null when unknown.
    /// </summary>
    [JsonPropertyName("collection_seconds")] public double? CollectionSeconds { get; set; }
}

/// <summary>One organizational unit on an account's path.</summary>
public sealed record OrganizationalUnitRef(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);

/// <summary>
/// One API call (all pages merged) keyed by region, service, operation and parameters.
/// Exactly one of <see cref="Response"/> and <see cref="Error"/> is set.
/// Region is "global" for calls to global services (IAM, Organizations, S3 bucket-level reads).
/// <see cref="Incomplete"/> is set, beside a response, when reading stopped before the last page.
/// </summary>
public sealed class ApiRecord
{
    [JsonPropertyName("region")] public string Region { get; set; } = "";
    [JsonPropertyName("service")] public string Service { get; set; } = "";
    [JsonPropertyName("operation")] public string Operation { get; set; } = "";
    [JsonPropertyName("params")] public JsonObject? Params { get; set; }
    [JsonPropertyName("response")] public JsonNode? Response { get; set; }
    [JsonPropertyName("error")] public ApiError? Error { get; set; }
    /// <summary>
    /// Why reading stopped before the last page (a page limit, a later page throttled or denied): the response
    /// holds only the pages read. Views treat such data as missing unless they can judge the part they have.
    /// </summary>
    [JsonPropertyName("incomplete")] public ApiError? Incomplete { get; set; }
}

public sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("kind")] ErrorKind Kind,
    [property: JsonPropertyName("http_status")] int? HttpStatus = null);

/// <summary>Why a call has no data. Checks turn these into NOT ASSESSED / NOT APPLICABLE, never PASS.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorKind>))]
public enum ErrorKind
{
    /// <summary>The caller lacks permission (AccessDenied, UnauthorizedOperation, SCP denial).</summary>
    AccessDenied,
    /// <summary>Still throttled after every retry.</summary>
    Throttled,
    /// <summary>The service or operation does not exist in that region.</summary>
    NotAvailableInRegion,
    /// <summary>The region is not enabled for the account.</summary>
    OptInRequired,
    /// <summary>The resource or configuration does not exist (often a meaningful answer, e.g. no password policy).</summary>
    NotFound,
    /// <summary>The call did not finish in time.</summary>
    Timeout,
    /// <summary>The service rejected the request as invalid or unsupported for this account.</summary>
    Unsupported,
    /// <summary>Anything else: a 5xx after retries, a malformed response.</summary>
    Other,
    /// <summary>Reading stopped at a limit before the last page (only in <see cref="ApiRecord.Incomplete"/>).</summary>
    Truncated,
}
