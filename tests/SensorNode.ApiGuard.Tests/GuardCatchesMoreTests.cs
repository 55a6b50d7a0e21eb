using SensorNode.ApiGuard.Guard;
using Xunit;

namespace SensorNode.ApiGuard;

/// <summary>
/// The documentation-ID check on its own, obsolete APIs, unsafe code, and the .nfproj / packages.config checks.
/// </summary>
public class GuardCatchesMoreTests
{
    private static readonly string[] Gpio = { "mscorlib", "System.Device.Gpio", "nanoFramework.Runtime.Events" };

    private const string Source = """
        using System;
        using System.Collections;
        using System.Device.Gpio;
        namespace Snippet
        {
            [Obsolete("old")]
            public class Probe
            {
                public int M(GpioPin pin, ArrayList list, int[] data)
                {
                    pin.Write(1);
                    pin.ValueChanged += OnChanged;
                    int n = 0;
                    foreach (object o in list) n++;
                    Array.Copy(data, 0, data, 0, data.Length);
                    return n + (int)list[0];
                }
                private void OnChanged(object sender, PinValueChangedEventArgs e) { }
            }
        }
        """;

    [Fact]
    public void Documentation_id_check_reports_every_kind_of_symbol_missing_from_the_listing()
    {
        var full = new HashSet<string>(Gpio.SelectMany(a => GuardContext.Catalog.Assemblies[a].DocIds), StringComparer.Ordinal);
        var src = new[] { new GuardSource("firmware/SensorNode.Firmware/Probe.cs", Source) };
        Assert.Empty(GuardContext.Guard.CheckSources(src, Gpio, listedIds: full));

        string[] removed =
        {
            "M:System.Device.Gpio.GpioPin.Write(System.Device.Gpio.PinValue)",                      // method
            "M:System.Device.Gpio.PinValue.op_Implicit(System.Int32)~System.Device.Gpio.PinValue",  // implicit conversion
            "E:System.Device.Gpio.GpioPin.ValueChanged",                                            // event
            "M:System.Collections.ArrayList.GetEnumerator",                                        // foreach
            "M:System.Array.Copy(System.Array,System.Int32,System.Array,System.Int32,System.Int32)", // static method
            "P:System.Collections.ArrayList.Item(System.Int32)",                                    // indexer
            "M:System.ObsoleteAttribute.#ctor(System.String)",                                      // attribute
            "T:System.Device.Gpio.PinValueChangedEventArgs",                                        // type
        };
        var narrowed = new HashSet<string>(full.Except(removed), StringComparer.Ordinal);
        var v = GuardContext.Guard.CheckSources(src, Gpio, listedIds: narrowed);
        foreach (var id in removed)
            Assert.True(v.Any(x => x.Rule == "docid" && x.Message.Contains(id + " not in nanoFramework 1.x", StringComparison.Ordinal)),
                $"{id} not reported; got:\n{string.Join("\n", v)}");
        Assert.Contains(v, x => x.ToString().StartsWith("firmware/SensorNode.Firmware/Probe.cs:11: GpioPin.Write(PinValue) — ", StringComparison.Ordinal));
    }

    [Fact]
    public void Obsolete_api_is_reported_and_obsolete_as_error_does_not_compile()
    {
        var v = GuardContext.Guard.CheckSources(new[]
        {
            new GuardSource("tests/SensorNode.Core.Tests/Probe.cs", """
                using System;
                using nanoFramework.TestFramework;
                namespace Snippet
                {
                    [TestClass]
                    public class Probe
                    {
                        [TestMethod]
                        public void M()
                        {
                            Assert.Equal(1, 1);
                            DateTimeKind k = DateTimeKind.Local;
                        }
                    }
                }
                """),
        }, new[] { "mscorlib", "nanoFramework.TestFramework" });
        Assert.Contains(v, x => x.Line == 11 && x.Message.Contains("obsolete in nanoFramework 1.x (CS0618", StringComparison.Ordinal)
                                || x.Line == 11 && x.Message.Contains("obsolete in nanoFramework 1.x (CS0612", StringComparison.Ordinal));
        Assert.Contains(v, x => x.Line == 12 && x.Message.Contains("CS0619", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsafe_code_passes_only_when_the_project_allows_it()
    {
        var src = new[] { new GuardSource("firmware/SensorNode.Firmware/Probe.cs",
            "namespace Snippet { public class Probe { public unsafe int M(int[] a) { fixed (int* p = a) { return *p; } } } }") };
        var denied = GuardContext.Guard.CheckSources(src, new[] { "mscorlib" });
        Assert.Contains(denied, x => x.Rule == "unsafe");
        var allowed = GuardContext.Guard.CheckSources(src, new[] { "mscorlib" }, new GuardOptions(AllowUnsafe: true));
        Assert.True(allowed.Count == 0, string.Join("\n", allowed));
    }

    // ----- .nfproj and packages.config ---------------------------------------------------------------------

    private sealed class TempProject : IDisposable
    {
        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "nfguard-" + Guid.NewGuid().ToString("N"));
        public string ProjectPath => Path.Combine(Dir, "Probe.nfproj");

        public TempProject(string compileItems, string references, string packages, params string[] files)
        {
            Directory.CreateDirectory(Dir);
            foreach (var f in files)
            {
                var full = Path.Combine(Dir, f);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, "namespace Probe { public class C { } }");
            }
            File.WriteAllText(ProjectPath, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <Project ToolsVersion="Current" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
                  <PropertyGroup><AssemblyName>Probe</AssemblyName><LangVersion>9.0</LangVersion></PropertyGroup>
                  <ItemGroup>{compileItems}</ItemGroup>
                  <ItemGroup>{references}</ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(Dir, "packages.config"),
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>{packages}</packages>");
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static string Ref(string asm, string folder) =>
        $"<Reference Include=\"{asm}, Version=1.0.0.0, Culture=neutral, PublicKeyToken=c07d481e9758c731\"><HintPath>..\\packages\\{folder}\\lib\\{asm}.dll</HintPath></Reference>";

    private static string Pkg(string id, string version) => $"<package id=\"{id}\" version=\"{version}\" targetFramework=\"netnano1.0\" />";

    [Fact]
    public void A_consistent_project_passes()
    {
        using var p = new TempProject("<Compile Include=\"A.cs\" /><Compile Include=\"Sub\\B.cs\" />",
            Ref("mscorlib", "nanoFramework.CoreLibrary.1.17.11") + Ref("nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.5.1.220")
            + Ref("nanoFramework.M2Mqtt.Core", "nanoFramework.M2Mqtt.5.1.220"),
            Pkg("nanoFramework.CoreLibrary", "1.17.11") + Pkg("nanoFramework.M2Mqtt", "5.1.220"),
            "A.cs", "Sub/B.cs", "DesktopOnly/Glue.cs", "bin/Debug/X.cs", "obj/Y.cs");
        var v = GuardContext.Guard.CheckConsistency(NfProject.Load(p.ProjectPath));
        Assert.True(v.Count == 0, string.Join("\n", v));
    }

    [Fact]
    public void Compile_list_out_of_step_with_the_folder_is_reported_with_names()
    {
        using var p = new TempProject("<Compile Include=\"A.cs\" /><Compile Include=\"Gone.cs\" />",
            Ref("mscorlib", "nanoFramework.CoreLibrary.1.17.11"), Pkg("nanoFramework.CoreLibrary", "1.17.11"),
            "A.cs", "Dsp/New.cs");
        var v = GuardContext.Guard.CheckConsistency(NfProject.Load(p.ProjectPath));
        Assert.Contains(v, x => x.Rule == "nfproj-compile" && x.Message.Contains("missing for Dsp/New.cs") && x.Message.Contains("run firmware/sync-nfproj.sh"));
        Assert.Contains(v, x => x.Rule == "nfproj-compile" && x.Message.Contains("do not exist") && x.Message.Contains("Gone.cs"));
    }

    [Fact]
    public void Package_reference_and_version_problems_are_reported()
    {
        using var p = new TempProject("",
            Ref("mscorlib", "nanoFramework.CoreLibrary.1.17.10")                       // HintPath version differs
            + Ref("System.Math", "nanoFramework.System.Math.1.5.116"),                 // not in packages.config
            Pkg("nanoFramework.CoreLibrary", "1.17.11")
            + Pkg("nanoFramework.M2Mqtt", "5.1.100")                                   // too old, and no Reference
            + Pkg("nanoFramework.System.Device.I2c", "2.0.0-preview.12")               // preview stack
            + Pkg("nanoFramework.Unknown.Thing", "1.0.0"));                             // no listing
        var v = GuardContext.Guard.CheckConsistency(NfProject.Load(p.ProjectPath));
        string All() => string.Join("\n", v);
        Assert.True(v.Any(x => x.Message.Contains("nanoFramework.CoreLibrary is 1.17.11 in packages.config but the <Reference> HintPath points into packages\\nanoFramework.CoreLibrary.1.17.10")), All());
        Assert.True(v.Any(x => x.Message.Contains("points into packages\\nanoFramework.System.Math.1.5.116 but packages.config has no such package")), All());
        Assert.True(v.Any(x => x.Rule == "package-version" && x.Message.Contains("nanoFramework.M2Mqtt 5.1.100")), All());
        Assert.True(v.Any(x => x.Message.Contains("nanoFramework.M2Mqtt 5.1.100 has no <Reference>")), All());
        Assert.True(v.Any(x => x.Rule == "package-version" && x.Message.Contains("2.0.0-preview.12 is a preview package")), All());
        Assert.True(v.Any(x => x.Message.Contains("nanoFramework.Unknown.Thing has no API listing")), All());
    }

    [Fact]
    public void Core_library_must_be_1_17()
    {
        var policy = GuardContext.Guard.Policy;
        Assert.Null(policy.Check(new NfPackage("nanoFramework.CoreLibrary", "1.17.11", false)));
        Assert.NotNull(policy.Check(new NfPackage("nanoFramework.CoreLibrary", "1.16.0", false)));
        Assert.NotNull(policy.Check(new NfPackage("nanoFramework.CoreLibrary", "2.0.0", false)));
        Assert.Null(policy.Check(new NfPackage("nanoFramework.M2Mqtt", "5.1.220", false)));
        Assert.NotNull(policy.Check(new NfPackage("nanoFramework.M2Mqtt", "6.0.1", false)));
        Assert.Null(policy.Check(new NfPackage("nanoFramework.System.Device.Adc", "1.1.24", false)));
        Assert.NotNull(policy.Check(new NfPackage("nanoFramework.System.Device.Adc", "2.1.0", false)));
        Assert.Equal("1.17.11", policy.FactsVersions["nanoFramework.CoreLibrary"]);
        Assert.Equal("1.1.93", policy.FactsVersions["nanoFramework.System.IO.FileSystem"]);
    }

    [Fact]
    public void Index_maps_packages_to_their_assemblies()
    {
        var map = GuardContext.Catalog.PackageAssemblies;
        Assert.Equal(new[] { "mscorlib" }, map["nanoFramework.CoreLibrary"]);
        Assert.Equal(new[] { "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core" }, map["nanoFramework.M2Mqtt"].OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(new[] { "System.Device.I2c" }, map["nanoFramework.System.Device.I2c"]);
    }
}
