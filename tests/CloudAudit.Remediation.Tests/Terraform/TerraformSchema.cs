using System.Text.Json;
using CloudAudit.Remediation.Tests.Support;

namespace CloudAudit.Remediation.Tests.Terraform;

/// <summary>
/// The Terraform aws provider's configuration schema: every resource type and data source with its
/// arguments and nested blocks (required ones marked), and the provider block's own. Generated from
/// @cdktf/provider-aws by tools/remediation-validation/generate-terraform-schema.mjs.
/// </summary>
public sealed class TerraformSchema
{
    private static readonly Lazy<TerraformSchema> Instance = new(() => new TerraformSchema(EmbeddedData.Load("terraform-aws-schema.json.gz")));

    public static TerraformSchema Default => Instance.Value;

    public string ProviderVersion { get; }
    public string Source { get; }
    public BlockSchema Provider { get; }
    public IReadOnlyDictionary<string, BlockSchema> Resources { get; }
    public IReadOnlyDictionary<string, BlockSchema> DataSources { get; }

    private TerraformSchema(JsonDocument table)
    {
        using (table)
        {
            var root = table.RootElement;
            ProviderVersion = root.GetProperty("provider_version").GetString()!;
            Source = root.GetProperty("source").GetString()!;
            Provider = BlockSchema.Read(root.GetProperty("provider_schema"));
            Resources = root.GetProperty("resource").EnumerateObject().ToDictionary(r => r.Name, r => BlockSchema.Read(r.Value));
            DataSources = root.GetProperty("data").EnumerateObject().ToDictionary(r => r.Name, r => BlockSchema.Read(r.Value));
        }
    }
}

/// <summary>
/// The arguments (name → required) and nested blocks of a resource, data source or block.
/// <see cref="Undescribed"/>: a block whose contents the schema does not describe (cdktf types the
/// provider's recursive blocks, such as aws_wafv2_web_acl's rule statement, as <c>any</c>).
/// </summary>
public sealed record BlockSchema(IReadOnlyDictionary<string, bool> Arguments, IReadOnlyDictionary<string, NestedBlock> Blocks, bool Undescribed = false)
{
    internal static BlockSchema Read(JsonElement schema) => new(
        schema.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)
            .ToDictionary(a => a.TrimEnd('!'), a => a.EndsWith('!')),
        schema.TryGetProperty("blocks", out var blocks)
            ? blocks.EnumerateObject().ToDictionary(
                b => b.Name.TrimEnd('!'),
                b => new NestedBlock(Read(b.Value), b.Name.EndsWith('!'), b.Value.TryGetProperty("single", out _)))
            : new Dictionary<string, NestedBlock>(),
        schema.TryGetProperty("any", out var any) && any.GetBoolean());
}

/// <summary>A nested block type: its schema, whether it must appear, and whether it may appear only once.</summary>
public sealed record NestedBlock(BlockSchema Schema, bool Required, bool Single);
