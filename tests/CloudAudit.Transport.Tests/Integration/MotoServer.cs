using CloudAudit.Testing;

namespace CloudAudit.Transport.Tests.Integration;

/// <summary>
/// One moto server (the AWS emulator) for the whole integration collection, seeded with seed_moto.py.
/// Tests marked [MotoFact] are skipped, loudly and naming what is missing, where moto cannot run.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private MotoProcess? moto;

    public Uri Endpoint => moto?.Endpoint ?? new Uri("http://127.0.0.1:1");

    public async Task InitializeAsync()
    {
        if (!MotoProcess.EnsureAvailable())
            return;
        moto = await MotoProcess.StartAsync();
        await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Integration", "seed_moto.py"));
    }

    public async Task DisposeAsync()
    {
        if (moto is not null)
            await moto.DisposeAsync();
    }
}

[CollectionDefinition(nameof(MotoCollection))]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;

/// <summary>A fact that needs moto; skipped with the reason where python3 cannot import moto and boto3.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute() => Skip = MotoProcess.SkipReason;
}
