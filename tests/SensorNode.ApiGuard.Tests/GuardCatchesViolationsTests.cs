using SensorNode.ApiGuard.Guard;
using Xunit;

namespace SensorNode.ApiGuard;

/// <summary>
/// Proof that the guard catches each class of violation: small snippets go through the same entry point as the
/// projects (<see cref="NfGuard.CheckSources"/>) and the specific violation must be reported, on the right line.
/// </summary>
public class GuardCatchesViolationsTests
{
    private static readonly string[] Core =
    {
        "mscorlib", "System.Math", "nanoFramework.System.Text", "nanoFramework.System.Collections",
        "nanoFramework.System.Security.Cryptography",
    };

    private const string CorePath = "firmware/SensorNode.Core/Features/Snippet.cs";
    private const string HotPath = "firmware/SensorNode.Core/Dsp/Snippet.cs";

    private static IReadOnlyList<Violation> Check(string body, string path = CorePath, string[]? assemblies = null,
        string usings = "using System;\nusing System.Collections;\nusing System.Text;\nusing System.Threading;\n")
    {
        var source = usings + "namespace Snippet\n{\n    public class Probe\n    {\n" + body + "\n    }\n}\n";
        return GuardContext.Guard.CheckSources(new[] { new GuardSource(path, source) }, assemblies ?? Core);
    }

    /// <summary>Line numbers in snippets: the body starts on line 9 (after 4 usings, namespace, {, class, {).</summary>
    private const int BodyLine = 9;

    private static void AssertReported(IReadOnlyList<Violation> violations, string expectedText, int? bodyLine = null, string? rule = null)
    {
        var hits = violations.Where(v => v.Message.Contains(expectedText, StringComparison.Ordinal)
                                         && (rule == null || v.Rule == rule)
                                         && (bodyLine == null || v.Line == BodyLine + bodyLine.Value)).ToList();
        Assert.True(hits.Count > 0,
            $"expected a violation containing '{expectedText}'{(bodyLine != null ? $" on line {BodyLine + bodyLine}" : "")}{(rule != null ? $" (rule {rule})" : "")}; got:\n" +
            string.Join("\n", violations.Select(v => $"  [{v.Rule}] {v}")));
        Assert.All(hits, h => Assert.StartsWith("firmware/", h.Path));
    }

    // ----- APIs that nanoFramework 1.x does not have -------------------------------------------------------

    [Theory]
    [InlineData("string s = string.Join(\",\", new string[] { \"a\" });", "string.Join(string, string[])")]
    [InlineData("float r = MathF.Sqrt(2f);", "MathF.Sqrt(float)")]
    [InlineData("byte[] a = new byte[4]; Buffer.BlockCopy(a, 0, a, 0, 4);", "Buffer.BlockCopy(byte[], int, byte[], int, int)")]
    [InlineData("double r = Math.Round(1.234, 2);", "Math.Round(double, int)")]
    [InlineData("string n = Thread.CurrentThread.Name;", "Thread.CurrentThread.Name")]
    [InlineData("var e = new AutoResetEvent(false); e.WaitOne(100);", "e.WaitOne(int)")]
    [InlineData("string s = \"a\".Replace(\"a\", \"b\");", "\"a\".Replace(string, string)")]
    [InlineData("bool b = string.IsNullOrWhiteSpace(\"a\");", "string.IsNullOrWhiteSpace(string)")]
    [InlineData("int t = Environment.TickCount;", "Environment.TickCount")]
    [InlineData("DateTime d = DateTime.Now;", "DateTime.Now")]
    [InlineData("var sb = new StringBuilder(); sb.AppendFormat(\"{0}\", 1);", "sb.AppendFormat(string, int)")]
    [InlineData("int x = 0; Interlocked.Add(ref x, 2);", "Interlocked.Add(int, int)")]
    [InlineData("GC.Collect();", "GC.Collect()")]
    [InlineData("TimeSpan t = TimeSpan.FromMilliseconds(0.5);", "TimeSpan.FromMilliseconds(double)")]
    [InlineData("Array a = Enum.GetValues(typeof(DayOfWeek));", "Enum.GetValues(Type)")]
    public void Unknown_api_is_reported_with_file_line_and_symbol(string statement, string symbol)
    {
        var v = Check("        public void M()\n        {\n            " + statement + "\n        }");
        AssertReported(v, symbol + " — not in nanoFramework 1.x (mscorlib, System.Math, nanoFramework.System.Text, nanoFramework.System.Collections, nanoFramework.System.Security.Cryptography)", bodyLine: 2, rule: "compile");
        Assert.Contains(v, x => x.ToString().StartsWith($"{CorePath}:{BodyLine + 2}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void List_of_T_is_reported_as_missing_and_generic()
    {
        var v = Check("        public int M()\n        {\n            var l = new System.Collections.Generic.List<int>();\n            return 0;\n        }");
        AssertReported(v, "not in nanoFramework 1.x", 2, "compile");
        AssertReported(v, "generic type or method List<int>", 2, "generics");
    }

    [Fact]
    public void Api_of_a_package_the_project_does_not_reference_is_reported()
    {
        // Hashtable lives in nanoFramework.System.Collections: without that package it does not exist.
        var v = Check("        public object M() { return new Hashtable(); }", assemblies: new[] { "mscorlib" });
        AssertReported(v, "not in nanoFramework 1.x (mscorlib)", 0, "compile");
    }

    // ----- generics --------------------------------------------------------------------------------------

    [Fact]
    public void Action_of_T_that_mscorlib_declares_is_still_reported()
    {
        var v = Check("        public void M()\n        {\n            Action<int> a = x => { };\n            a(1);\n        }");
        Assert.DoesNotContain(v, x => x.Rule == "compile"); // it compiles against 1.x ...
        AssertReported(v, "generic type or method Action<int>", 2, "generics"); // ... but cannot run there
    }

    [Fact]
    public void Func_of_T_is_reported()
    {
        var v = Check("        public int M()\n        {\n            Func<int> f = () => 1;\n            return f();\n        }");
        AssertReported(v, "Func<int>", 2, "generics");
    }

    [Fact]
    public void EventHandler_of_T_is_reported()
    {
        var v = Check("        public event EventHandler<EventArgs> Changed;");
        AssertReported(v, "EventHandler<EventArgs>", 0, "generics");
    }

    [Fact]
    public void Generic_method_declaration_and_inferred_call_are_reported()
    {
        var v = Check("        public static T Id<T>(T x) { return x; }\n        public int M() { return Id(3); }");
        AssertReported(v, "generic declaration: method Id<T>", 0, "generics");
        AssertReported(v, "call of generic method Id<int>", 1, "generics");
    }

    [Fact]
    public void Generic_type_declaration_is_reported()
    {
        var v = Check("        public class Box<T> { public T Value; }");
        AssertReported(v, "generic declaration: type Box<T>", 0, "generics");
    }

    // ----- LINQ, async, dynamic, records, tuples, nullable, arrays, stackalloc, Span ----------------------------

    [Fact]
    public void Linq_query_syntax_is_reported()
    {
        var v = Check("        public void M(int[] xs)\n        {\n            var q = from x in xs where x > 1 select x;\n        }");
        AssertReported(v, "LINQ query", 2, "linq");
    }

    [Fact]
    public void Linq_method_syntax_is_reported()
    {
        var v = Check("        public void M(int[] xs)\n        {\n            var q = xs.Where(x => x > 1);\n        }",
            usings: "using System;\nusing System.Linq;\nusing System.Text;\nusing System.Threading;\n");
        AssertReported(v, "LINQ method .Where()", 2, "linq");
        AssertReported(v, "using System.Linq", 2 - BodyLine, "linq"); // line 2 of the file
    }

    [Fact]
    public void A_missing_overload_of_Math_Max_is_not_mistaken_for_linq()
    {
        var v = Check("        public int M()\n        {\n            return Math.Max(1, 2, 3);\n        }");
        AssertReported(v, "Math.Max(int, int, int) — not in nanoFramework 1.x", 2, "compile");
        Assert.DoesNotContain(v, x => x.Rule == "linq");
    }

    [Fact]
    public void Async_await_is_reported()
    {
        var v = Check("        public async void M()\n        {\n            await System.Threading.Tasks.Task.Delay(1);\n        }");
        AssertReported(v, "async method M", 0, "async");
        AssertReported(v, "await", 2, "async");
    }

    [Fact]
    public void Dynamic_is_reported()
    {
        var v = Check("        public void M()\n        {\n            dynamic d = 1;\n        }");
        AssertReported(v, "dynamic — not in nanoFramework 1.x", 2, "dynamic");
    }

    [Fact]
    public void Record_is_reported()
    {
        var v = Check("        public record Point(int X, int Y);");
        AssertReported(v, "record Point", 0, "records");
    }

    [Fact]
    public void Tuples_types_literals_and_deconstruction_are_reported()
    {
        var v = Check("        public (int, int) M()\n        {\n            var (a, b) = (1, 2);\n            return (a, b);\n        }");
        AssertReported(v, "tuple type (int, int)", 0, "tuples");
        AssertReported(v, "deconstruction (a, b)", 2, "tuples");
        AssertReported(v, "tuple literal (1, 2)", 2, "tuples");
    }

    [Fact]
    public void Nullable_value_type_is_reported()
    {
        var v = Check("        public int? M() { return null; }");
        AssertReported(v, "nullable value type int?", 0, "nullable");
    }

    [Fact]
    public void Multidimensional_array_is_reported()
    {
        var v = Check("        private float[,] _grid = new float[2, 3];");
        AssertReported(v, "multidimensional array", 0, "multidim-array");
    }

    [Fact]
    public void Stackalloc_and_span_are_reported()
    {
        var v = Check("        public unsafe void M()\n        {\n            Span<byte> s = stackalloc byte[4];\n        }");
        AssertReported(v, "stackalloc", 2, "stackalloc");
        AssertReported(v, "Span<byte>", 2, "span");
        AssertReported(v, "unsafe", 0, "unsafe");
    }

    [Fact]
    public void Yield_iterator_is_reported()
    {
        // Even a non-generic iterator makes the compiler implement IEnumerable<object>, which 1.x lacks.
        var v = Check("        public IEnumerable Items()\n        {\n            yield return 1;\n        }");
        AssertReported(v, "yield iterator Items", 2, "iterator");
        AssertReported(v, "IEnumerable`1", null, "compile");
    }

    [Fact]
    public void Default_interface_member_is_reported()
    {
        var v = Check("        public interface IThing { int Size() { return 1; } }");
        AssertReported(v, "interface method Size with a body", 0, "default-interface");
    }

    // ----- format strings ----------------------------------------------------------------------------------

    [Fact]
    public void Custom_format_in_ToString_is_reported_and_standard_one_is_not()
    {
        var v = Check("        public string M(float x)\n        {\n            return x.ToString(\"0.00\") + x.ToString(\"F2\") + 5.ToString(\"D3\");\n        }");
        AssertReported(v, "custom numeric format \"0.00\"", 2, "format");
        Assert.Single(v, x => x.Rule == "format");
    }

    [Fact]
    public void Custom_format_in_interpolation_hole_is_reported()
    {
        var v = Check("        public string M(double x)\n        {\n            return $\"{x:0.00} {x:F1} {x,8:N2}\";\n        }");
        AssertReported(v, "custom numeric format \"0.00\" in an interpolation hole", 2, "format");
        Assert.Single(v, x => x.Rule == "format");
    }

    [Fact]
    public void Custom_format_in_string_Format_is_reported()
    {
        var v = Check("        public string M(double x)\n        {\n            return string.Format(\"{0:#.##} {1,5:X4}\", x, 10);\n        }");
        AssertReported(v, "custom numeric format \"#.##\" in string.Format", 2, "format");
        Assert.Single(v, x => x.Rule == "format");
    }

    // ----- hot paths ---------------------------------------------------------------------------------------

    [Fact]
    public void Trig_in_a_per_sample_loop_is_reported_but_not_in_table_building()
    {
        var body =
            "        private readonly float[] _table = new float[8];\n" +                 // 0
            "        public Probe()\n" +                                                     // 1
            "        {\n" +                                                                  // 2
            "            for (int i = 0; i < 8; i++) _table[i] = (float)Math.Cos(i);\n" +      // 3: constructor, fine
            "        }\n" +                                                                  // 4
            "        public void PrecomputeTwiddles()\n" +                                   // 5
            "        {\n" +                                                                  // 6
            "            for (int i = 0; i < 8; i++) _table[i] = (float)Math.Sin(i);\n" +      // 7: set-up method, fine
            "        }\n" +                                                                  // 8
            "        public void Process(float[] x)\n" +                                     // 9
            "        {\n" +                                                                  // 10
            "            for (int i = 0; i < x.Length; i++) x[i] *= (float)Math.Sin(i * 0.1);\n" + // 11: violation
            "            float g = (float)Math.Pow(2.0, 0.5);\n" +                            // 12: outside a loop, fine
            "            int k = 0;\n" +                                                     // 13
            "            while (k < 4) { x[k] = (float)Math.Exp(x[k]); k++; }\n" +             // 14: violation
            "        }";
        var v = Check(body, HotPath);
        var trig = v.Where(x => x.Rule == "hot-path").ToList();
        AssertReported(v, "Math.Sin inside a loop of Process", 11, "hot-path");
        AssertReported(v, "Math.Exp inside a loop of Process", 14, "hot-path");
        Assert.Equal(2, trig.Count);
        Assert.All(trig, t => Assert.Equal(HotPath, t.Path));

        // The same code outside the per-sample folders is not a hot path.
        Assert.DoesNotContain(Check(body, CorePath), x => x.Rule == "hot-path");
    }

    [Fact]
    public void Interpolation_inside_a_hot_loop_is_reported()
    {
        var v = Check("        public string M(int[] x)\n        {\n            string s = \"\";\n            for (int i = 0; i < x.Length; i++) s = $\"{x[i]}\";\n            return s;\n        }", HotPath);
        AssertReported(v, "string interpolation inside a loop", 3, "hot-path");
    }

    // ----- clean code passes -------------------------------------------------------------------------------

    [Fact]
    public void Clean_nanoFramework_code_passes()
    {
        var body = """
                    private readonly float[] _buffer;
                    private readonly float[] _cos;
                    private readonly ArrayList _names = new ArrayList();
                    private readonly Hashtable _byName = new Hashtable();
                    private readonly object _sync = new object();
                    public event EventHandler Changed;
                    public delegate void SampleHandler(float value);

                    public Probe(int n)
                    {
                        _buffer = new float[n];
                        _cos = new float[n];
                        for (int i = 0; i < n; i++) _cos[i] = (float)Math.Cos(2 * Math.PI * i / n);
                    }

                    public float Rms()
                    {
                        float sum = 0f;
                        foreach (float v in _buffer) sum += v * v;
                        return (float)Math.Sqrt(sum / _buffer.Length);
                    }

                    public string Describe(float rms, int count, DayOfWeek day)
                    {
                        var sb = new StringBuilder();
                        sb.Append("rms=").Append(rms.ToString("F2")).Append(' ').Append(count.ToString("D4"));
                        lock (_sync) { _names.Add(day.ToString()); }
                        byte[] utf8 = Encoding.UTF8.GetBytes(sb.ToString());
                        Array.Copy(utf8, 0, utf8, 0, utf8.Length);
                        string s = $"{rms:F3} {count,6:N0} {count:X}";
                        Changed?.Invoke(this, EventArgs.Empty);
                        var e = new AutoResetEvent(false);
                        e.WaitOne(10, false);
                        long t = DateTime.UtcNow.Ticks + TimeSpan.FromMilliseconds(5).Ticks;
                        switch (count) { case 0: return s; default: return sb.ToString() + t.ToString(); }
                    }

                    public int Clamp(int v) => v < 0 ? 0 : Math.Min(v, 10);

                    public IEnumerable Items()
                    {
                        return _names;
                    }
            """;
        var v = Check(body, HotPath);
        Assert.True(v.Count == 0, "clean code must pass:\n" + string.Join("\n", v));
    }

    // ----- device layer: packages beyond the core ------------------------------------------------------------

    private static readonly string[] Mqtt =
    {
        "mscorlib", "nanoFramework.M2Mqtt", "nanoFramework.M2Mqtt.Core", "System.Net", "nanoFramework.System.Collections",
        "nanoFramework.Runtime.Events", "System.IO.Streams", "nanoFramework.System.Text", "System.Threading",
    };

    private const string MqttUsings = "using System;\nusing nanoFramework.M2Mqtt;\nusing nanoFramework.M2Mqtt.Messages;\nusing System.Text;\n";

    [Fact]
    public void M2Mqtt_four_argument_publish_from_the_stale_readme_is_reported()
    {
        var v = Check("        public void M(string topic, byte[] bytes)\n        {\n            var client = new MqttClient(\"h\");\n            client.Publish(topic, bytes, MqttQoSLevel.AtMostOnce, false);\n        }",
            "firmware/SensorNode.Firmware/Snippet.cs", Mqtt, MqttUsings);
        AssertReported(v, "client.Publish(string, byte[], MqttQoSLevel, bool) — not in nanoFramework 1.x", 3, "compile");
    }

    [Fact]
    public void M2Mqtt_six_argument_publish_passes()
    {
        var v = Check("        public ushort M(string topic, byte[] bytes)\n        {\n            var client = new MqttClient(\"h\");\n            client.Settings.InflightQueueSize = 8;\n            return client.Publish(topic, bytes, null, null, MqttQoSLevel.AtMostOnce, false);\n        }",
            "firmware/SensorNode.Firmware/Snippet.cs", Mqtt, MqttUsings);
        Assert.True(v.Count == 0, string.Join("\n", v));
    }
}
