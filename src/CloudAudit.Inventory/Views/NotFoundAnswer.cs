using System.Text.Json.Serialization.Metadata;

namespace CloudAudit.Inventory.Views;

/// <summary>
/// Reads a response where some AWS error codes are answers rather than gaps: "no password policy"
/// (NoSuchEntity) is a fact about the account, access denied is not.
/// </summary>
internal static class NotFoundAnswer
{
    public static Observed<T> Read<T>(ApiResult result, JsonTypeInfo<T> type, T answer, params string[] answerCodes) where T : class =>
        result.Gap is { Code: { } code } && answerCodes.Contains(code, StringComparer.Ordinal)
            ? Observed<T>.Of(answer)
            : ViewJson.Read(result, type);
}
