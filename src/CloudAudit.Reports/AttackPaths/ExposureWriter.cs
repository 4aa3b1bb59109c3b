using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CloudAudit.Analysis.Chains;
using CloudAudit.Analysis.Exposure;

namespace CloudAudit.Reports.AttackPaths;

public sealed record ExposureDocument(
    [property: JsonPropertyName("schema_version")] string SchemaVersion,
    [property: JsonPropertyName("items")] IReadOnlyList<ExposureEntry> Items);

public sealed record ExposureEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("account_id")] string AccountId,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("score")] int Score,
    [property: JsonPropertyName("internet_hops")] int? InternetHops,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("attrs")] IReadOnlyDictionary<string, string> Attrs);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ExposureDocument))]
internal sealed partial class ExposureContext : JsonSerializerContext;

/// <summary>The output of <c>exposure</c>: the top resources by exposure score, as a table or JSON.</summary>
public static class ExposureWriter
{
    public static readonly string[] Formats = ["table", "json"];

    public static void Write(string format, IReadOnlyList<ExposureItem> ranked, int limit, TextWriter output)
    {
        var top = ranked.Take(limit).ToList();
        if (format == "json")
        {
            var document = new ExposureDocument("1", [.. top.Select(i => new ExposureEntry(i.Node.Id, BlastRadiusWriter.TypeName(i.Node.Type),
                i.Node.Label, i.Node.AccountId, i.Node.Region, i.Score, i.InternetHops, i.Reasons, i.Node.Attributes))]);
            var options = new JsonSerializerOptions(ExposureContext.Default.Options) { Encoder = JavaScriptEncoder.Default };
            output.WriteLine(JsonSerializer.Serialize(document, new ExposureContext(options).ExposureDocument));
            return;
        }
        if (top.Count == 0)
        {
            output.WriteLine("No exposed resources: nothing is reachable from the internet, administrator, or holding data in the security graph.");
            return;
        }
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Most exposed resources (top {top.Count} of {ranked.Count})");
        text.AppendLine();
        var rank = 0;
        foreach (var item in top)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{++rank,3}. {item.Score,3}  {item.Node.Label}  [{Steps.Of(item.Node, "").Sub}]  {item.Node.Id}");
            foreach (var reason in item.Reasons)
                text.AppendLine(CultureInfo.InvariantCulture, $"          - {reason}");
        }
        output.Write(text.ToString());
    }
}
