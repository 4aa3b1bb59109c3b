using System.Text.Json.Nodes;
using CloudAudit.Transport.Models;

namespace CloudAudit.Transport.Http;

/// <summary>
/// Merges the pages of a paginated operation as the AWS CLI prints them: the paginator's result keys
/// concatenated across pages, its non-aggregate keys from the first page, tokens and everything else dropped.
/// A page's values are moved into the merged result, not copied: the page is read once and let go (read its next
/// tokens before adding it).
/// </summary>
internal sealed class PageMerger(Paginator paginator)
{
    private readonly JsonObject merged = [];
    private bool first = true;

    public void Add(JsonObject page)
    {
        foreach (var key in paginator.ResultKeys)
        {
            if (PagePath.Get(page, key) is not { } value)
                continue;
            var existing = PagePath.Get(merged, key);
            switch (existing, value)
            {
                case (null, _):
                    PagePath.Set(merged, key, Detached(value));
                    break;
                case (JsonArray list, JsonArray more):
                    var items = more.ToArray();
                    more.Clear();
                    foreach (var item in items)
                        list.Add(item);
                    break;
                case (JsonValue sum, JsonValue add) when sum.TryGetValue<long>(out var a) && add.TryGetValue<long>(out var b):
                    PagePath.Set(merged, key, a + b);
                    break;
                case (JsonValue text, JsonValue more) when text.TryGetValue<string>(out var a) && more.TryGetValue<string>(out var b):
                    PagePath.Set(merged, key, a + b);
                    break;
            }
        }
        if (first)
        {
            foreach (var key in paginator.NonAggregateKeys)
                if (PagePath.Get(page, key) is { } value)
                    PagePath.Set(merged, key, Detached(value));
            first = false;
        }
    }

    /// <summary>The node, taken out of the page that holds it so it can join the merged result.</summary>
    private static JsonNode Detached(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject owner:
                owner.Remove(node.GetPropertyName());
                break;
            case JsonArray owner:
                owner.Remove(node);
                break;
        }
        return node;
    }

    public JsonObject Result => merged;

    /// <summary>The next page's input token values, or null when this was the last page.</summary>
    public IReadOnlyList<JsonNode?>? NextTokens(JsonObject page)
    {
        if (paginator.MoreResults is { } more && PagePath.Get(page, more) is JsonValue flag && flag.TryGetValue<bool>(out var hasMore) && !hasMore)
            return null;
        var tokens = paginator.OutputTokens.Select(path => PagePath.Get(page, path)).ToList();
        return tokens.All(t => t is null || (t is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)) ? null : tokens;
    }
}

/// <summary>The small part of JMESPath that paginators use: "A.B", "A[-1].B" and "A || B".</summary>
internal static class PagePath
{
    public static JsonNode? Get(JsonNode? root, string expression)
    {
        foreach (var alternative in expression.Split("||", StringSplitOptions.TrimEntries))
            if (GetOne(root, alternative) is { } value)
                return value;
        return null;
    }

    private static JsonNode? GetOne(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            node = node is JsonObject obj ? obj[name] : null;
            if (bracket >= 0 && node is JsonArray array)
            {
                var index = int.Parse(segment[(bracket + 1)..segment.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                node = array.Count == 0 ? null : array[index < 0 ? array.Count + index : index];
            }
            if (node is null)
                return null;
        }
        return node;
    }

    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }
            node = child;
        }
        node[segments[^1]] = value;
    }

    /// <summary>The input token path as a member to set on the request (input tokens are plain names or dotted paths).</summary>
    public static void SetInput(JsonObject input, string path, JsonNode? value)
    {
        if (value is null)
            return;
        Set(input, path, value.DeepClone());
    }
}
