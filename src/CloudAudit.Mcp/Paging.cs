using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace CloudAudit.Mcp;

/// <summary>Where a page sits in its list: nothing is left out without <c>next_cursor</c> saying how to get it.</summary>
public sealed record PageInfo(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("returned")] int Returned,
    [property: JsonPropertyName("next_cursor")] string? NextCursor)
{
    /// <summary>"items 21–40 of 57; more with cursor …", for the text summary.</summary>
    public string Describe(string noun) => Total == 0 ? $"no {noun}"
        : NextCursor is null && Offset == 0 ? $"{Total} {noun}"
        : $"{noun} {Offset + 1}–{Offset + Returned} of {Total}" + (NextCursor is null ? "" : $"; call again with cursor \"{NextCursor}\" for the next page");
}

/// <summary>
/// Cursor pagination. A cursor is opaque to the client: it carries the offset and a digest of the query it belongs
/// to (the tool, its filters and the scan it read), so a cursor given to another query or after a newer scan is
/// refused instead of paging through something else.
/// </summary>
public static class Paging
{
    public static (IReadOnlyList<T> Items, PageInfo Page) Slice<T>(IReadOnlyList<T> all, string? cursor, int size, string query)
    {
        var digest = Digest(query);
        var offset = string.IsNullOrEmpty(cursor) ? 0 : Offset(cursor, digest);
        if (offset > all.Count)
            throw new ToolInputException("cursor is past the end of the list; call again without cursor");
        var items = all.Skip(offset).Take(size).ToList();
        var next = offset + items.Count < all.Count ? Encode(digest, offset + items.Count) : null;
        return (items, new PageInfo(all.Count, offset, items.Count, next));
    }

    private static int Offset(string cursor, string digest)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/') + new string('=', (4 - cursor.Length % 4) % 4)));
        }
        catch (FormatException)
        {
            throw new ToolInputException($"invalid cursor '{cursor}': pass the next_cursor of the previous page unchanged, or no cursor for the first page");
        }
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != "c1" || !int.TryParse(parts[2], out var offset) || offset < 0)
            throw new ToolInputException($"invalid cursor '{cursor}': pass the next_cursor of the previous page unchanged, or no cursor for the first page");
        if (parts[1] != digest)
            throw new ToolInputException("this cursor belongs to another query, or to a scan that a newer one replaced; call again without cursor");
        return offset;
    }

    private static string Encode(string digest, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"c1:{digest}:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Digest(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..12];
}
