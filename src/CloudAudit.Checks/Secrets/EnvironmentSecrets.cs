namespace CloudAudit.Checks.Secrets;

/// <summary>A variable that holds a secret: its name and the kind of secret, never the value.</summary>
public sealed record ExposedSecret(string Name, string Kind)
{
    public override string ToString() => $"{Name} ({Kind})";
}

/// <summary>Finds secrets in a set of environment variables, judging each by its value and by its name.</summary>
public static class EnvironmentSecrets
{
    public const string SecretNamedLiteral = "plain-text value in a variable named as a secret";

    public static IReadOnlyList<ExposedSecret> Find(IReadOnlyDictionary<string, string>? variables)
    {
        var found = new List<ExposedSecret>();
        foreach (var (name, value) in (variables ?? new Dictionary<string, string>()).OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var suggests = SecretNames.Judge(name);
            var kind = SecretValues.Classify(value, name);
            // A connection string is judged by its content (an embedded password), not by its name alone.
            if (kind is null && suggests == NameSuggests.Secret && SecretValues.IsLiteral(value))
                kind = SecretNamedLiteral;
            if (kind is not null)
                found.Add(new ExposedSecret(name, kind));
        }
        return found;
    }
}
