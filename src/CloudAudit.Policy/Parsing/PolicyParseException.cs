namespace CloudAudit.Policy.Parsing;

/// <summary>A policy document AWS would reject: says what is wrong and where (a JSON path such as <c>Statement[1].Action</c>).</summary>
public sealed class PolicyParseException(string message, string path)
    : Exception(path.Length == 0 ? message : $"{path}: {message}")
{
    public string Reason { get; } = message;
    public string Path { get; } = path;
}
