namespace SensorNode.ApiGuard.Guard;

/// <summary>The catalog and the generated reference assemblies, built once per test run and shared.</summary>
public static class GuardContext
{
    private static readonly Lazy<ApiCatalog> CatalogLazy = new(() => ApiCatalog.Load(RepoPaths.ApiDirectory));
    private static readonly Lazy<StubGenerator> StubsLazy = new(() => new StubGenerator(Catalog));
    private static readonly Lazy<NfGuard> GuardLazy = new(() => new NfGuard(Catalog, Stubs));

    public static ApiCatalog Catalog => CatalogLazy.Value;
    public static StubGenerator Stubs => StubsLazy.Value;
    public static NfGuard Guard => GuardLazy.Value;
}
