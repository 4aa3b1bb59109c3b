using CloudAudit.Policy.Matching;

namespace CloudAudit.Policy.Catalog;

/// <summary>An IAM action from the catalogue.</summary>
public sealed record ActionInfo(string Service, string Name, string AccessLevel, IReadOnlyList<ActionResourceType> ResourceTypes)
{
    public string FullName { get; } = $"{Service}:{Name}";
    public ActionName Parsed { get; } = ActionName.Parse($"{Service}:{Name}");
    public override string ToString() => FullName;
}

public sealed record ActionResourceType(string Name, bool Required);

/// <summary>A resource type of a service, with its ARN format (placeholders such as ${BucketName} match anything).</summary>
public sealed record ResourceTypeInfo(string Service, string Name, string ArnFormat)
{
    readonly ArnPattern pattern = ArnPattern.Compile(System.Text.RegularExpressions.Regex.Replace(ArnFormat, @"\$\{[^}]*\}", "*"));
    public bool Matches(string arn) => pattern.IsMatch(arn);
}

public sealed record ServiceInfo(string Prefix, string Name, IReadOnlyList<ActionInfo> Actions, IReadOnlyList<ResourceTypeInfo> ResourceTypes);
