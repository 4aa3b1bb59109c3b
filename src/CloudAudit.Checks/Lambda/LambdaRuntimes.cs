namespace CloudAudit.Checks.Lambda;

/// <summary>A Lambda managed runtime's end of life: deprecation, then blocked creation, then blocked updates.</summary>
public sealed record RuntimeLifecycle(string Id, DateOnly Deprecated, DateOnly? BlockCreate, DateOnly? BlockUpdate, string Successor);

/// <summary>
/// Deprecation dates of Lambda's managed runtimes, as published in the "Supported runtimes" and
/// "Deprecated runtimes" tables of https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
/// (reviewed November 2026). To update: edit or add one row; dates are UTC days, a block date may be
/// left null while AWS has not announced it. Runtimes missing from the table are treated as current.
/// </summary>
public static class LambdaRuntimes
{
    private static readonly RuntimeLifecycle[] Table =
    [
        // Node.js
        Row("nodejs", "2016-10-31", "2016-10-31", "2016-10-31", "nodejs22.x"),
        Row("nodejs4.3", "2020-03-05", "2020-03-05", "2020-03-05", "nodejs22.x"),
        Row("nodejs4.3-edge", "2019-04-30", "2019-04-30", "2019-04-30", "nodejs22.x"),
        Row("nodejs6.10", "2019-08-12", "2019-08-12", "2019-08-12", "nodejs22.x"),
        Row("nodejs8.10", "2020-03-06", "2020-03-06", "2020-03-06", "nodejs22.x"),
        Row("nodejs10.x", "2021-07-30", "2021-07-30", "2022-02-14", "nodejs22.x"),
        Row("nodejs12.x", "2023-03-31", "2023-03-31", "2023-04-30", "nodejs22.x"),
        Row("nodejs14.x", "2023-12-04", "2024-07-09", "2025-11-01", "nodejs22.x"),
        Row("nodejs16.x", "2024-06-12", "2025-10-01", "2025-11-01", "nodejs22.x"),
        Row("nodejs18.x", "2025-09-01", null, null, "nodejs22.x"),
        Row("nodejs20.x", "2026-04-30", null, null, "nodejs24.x"),
        Row("nodejs22.x", "2027-04-30", null, null, "nodejs24.x"),
        Row("nodejs24.x", "2028-04-30", null, null, "nodejs24.x"),
        // Python
        Row("python2.7", "2021-07-15", "2021-07-15", "2022-05-30", "python3.13"),
        Row("python3.6", "2022-07-18", "2022-07-18", "2022-08-29", "python3.13"),
        Row("python3.7", "2023-12-04", "2024-01-09", "2025-11-01", "python3.13"),
        Row("python3.8", "2024-10-14", "2025-10-01", "2025-11-01", "python3.13"),
        Row("python3.9", "2025-12-15", null, null, "python3.13"),
        Row("python3.10", "2026-10-31", null, null, "python3.13"),
        Row("python3.11", "2027-06-30", null, null, "python3.13"),
        Row("python3.12", "2028-10-31", null, null, "python3.13"),
        Row("python3.13", "2029-06-30", null, null, "python3.14"),
        Row("python3.14", "2029-06-30", null, null, "python3.14"),
        // Java
        Row("java8", "2024-01-08", "2024-02-08", "2025-11-01", "java21"),
        Row("java8.al2", "2027-06-30", null, null, "java21"),
        Row("java11", "2027-06-30", null, null, "java21"),
        Row("java17", "2027-06-30", null, null, "java21"),
        Row("java21", "2029-06-30", null, null, "java25"),
        Row("java25", "2029-06-30", null, null, "java25"),
        // .NET
        Row("dotnetcore1.0", "2019-06-27", "2019-07-30", "2019-07-30", "dotnet10"),
        Row("dotnetcore2.0", "2019-05-30", "2019-05-30", "2019-05-30", "dotnet10"),
        Row("dotnetcore2.1", "2022-01-05", "2022-01-05", "2022-04-13", "dotnet10"),
        Row("dotnetcore3.1", "2023-04-03", "2023-04-03", "2023-05-03", "dotnet10"),
        Row("dotnet6", "2024-12-20", "2025-10-01", "2025-11-01", "dotnet10"),
        Row("dotnet7", "2024-05-14", "2024-05-14", "2024-05-14", "dotnet10"),
        Row("dotnet8", "2026-11-10", null, null, "dotnet10"),
        Row("dotnet10", "2028-11-14", null, null, "dotnet10"),
        // Ruby
        Row("ruby2.5", "2021-07-30", "2021-07-30", "2022-03-31", "ruby3.4"),
        Row("ruby2.7", "2023-12-07", "2024-01-09", "2025-11-01", "ruby3.4"),
        Row("ruby3.2", "2026-03-31", null, null, "ruby3.4"),
        Row("ruby3.3", "2027-03-31", null, null, "ruby3.4"),
        Row("ruby3.4", "2028-03-31", null, null, "ruby3.4"),
        // OS-only runtimes
        Row("go1.x", "2024-01-08", "2024-02-08", "2025-11-01", "provided.al2023"),
        Row("provided", "2024-01-08", "2024-02-08", "2025-11-01", "provided.al2023"),
        Row("provided.al2", "2026-07-31", null, null, "provided.al2023"),
        Row("provided.al2023", "2029-06-30", null, null, "provided.al2023"),
    ];

    private static readonly Dictionary<string, RuntimeLifecycle> ById = Table.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static IReadOnlyList<RuntimeLifecycle> All => Table;

    public static RuntimeLifecycle? Find(string runtime) => ById.GetValueOrDefault(runtime);

    private static RuntimeLifecycle Row(string id, string deprecated, string? blockCreate, string? blockUpdate, string successor) =>
        new(id, Day(deprecated), blockCreate is null ? null : Day(blockCreate), blockUpdate is null ? null : Day(blockUpdate), successor);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
