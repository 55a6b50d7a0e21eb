using CsCheck;
using SensorNode.Core.Config;
using SensorNode.Core.Json;
using SensorNode.Core.Protocol;
using SensorNode.Core.Provisioning;
using SensorNode.Core.Security;
using Xunit;
using Xunit.Abstractions;

namespace SensorNode.Protocol.Tests;

/// <summary>
/// Property/fuzz runs (CsCheck) over the three inbound parsers of the node, 100,000 generated inputs each after
/// 10,000 of warm-up: nothing throws, every answer is a defined result code, every rejection says why, a
/// rejected config changes nothing, and the heap does not grow across the run.
/// The runs are alone in their collection (no other test allocating in parallel), so the heap figures are theirs.
/// </summary>
[Collection(Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    public const string Name = "fuzz (not parallel)";
    private const int Iterations = 100_000;
    private const int WarmUp = 10_000;

    /// <summary>Mix: 25 % random bytes, 40 % mutated valid messages, 35 % structured (and mostly correctly signed) messages.</summary>
    private static Gen<byte[]> Inputs(byte[][] seeds, Func<Random, byte[]> structured) =>
        Gen.Select(Gen.Int[0, 99], Gen.Int, (kind, seed) =>
        {
            var r = new Random(seed);
            return kind < 25 ? FuzzInputs.RandomBytes(r, 700)
                : kind < 65 ? FuzzInputs.Mutate(seeds[r.Next(seeds.Length)], r)
                : structured(r);
        });

    private static void AssertKnown(int code, string what)
    {
        Assert.NotEqual("unknown", ResultCode.Name(code));
        Assert.True(code >= 0, what);
    }

    private void Run(string name, Gen<byte[]> gen, Action<byte[]> check, Func<string> summary)
    {
        gen.Sample(check, iter: WarmUp, threads: 1);
        long before = GC.GetTotalMemory(true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        gen.Sample(check, iter: Iterations, threads: 1);
        watch.Stop();
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        long after = GC.GetTotalMemory(true);
        output.WriteLine($"{name}: {Iterations:N0} inputs in {watch.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU; heap {before / 1024} KB → {after / 1024} KB; {summary()}");
        Assert.True(after - before < 512 * 1024, $"heap grew by {(after - before) / 1024} KB over {Iterations} inputs");
    }

    [Fact]
    public void ConfigParser()
    {
        var blobs = new DictionaryBlobStore();
        var store = new ConfigStore(blobs);
        NodeConfig current = Samples.Config();
        Assert.True(store.Save(current));
        var auth = new InboundAuthenticator(new ReplayGuard(new DictionaryBlobStore()), current.CommandKey);
        var processor = new DesiredConfigProcessor(store, auth);
        var ack = new ConfigAck();
        var ackWriter = new JsonWriter(new byte[4096]);
        var parser = ConfigCodec.NewParser();
        var scratch = new NodeConfig();
        var scratchErrors = new FieldErrors();
        var counts = new Dictionary<string, int>();
        long ctr = 1;
        int applied = 0;
        var beforeBuffer = new byte[ConfigCodec.MaxDocumentBytes];
        var afterBuffer = new byte[ConfigCodec.MaxDocumentBytes];
        byte[][] seeds =
        [
            Samples.SignedDesired(1, "{\"report\":{\"intervalS\":30}}"),
            Samples.SignedDesired(2, Samples.ConfigJson(Samples.Config(), ConfigCodec.ModeRedacted)),
            Text.Bytes(Samples.ConfigJson(Samples.Config(), ConfigCodec.ModeFull)),
            Samples.SignedDesired(3, "{\"thresholds\":[{\"feature\":\"vrms\",\"axis\":\"x\",\"warning\":3,\"alarm\":5,\"onDelay\":2}],\"bands\":{\"velocity\":{\"lo\":2,\"hi\":1000}}}"),
        ];

        Gen<byte[]> gen = Inputs(seeds, r =>
        {
            string doc = FuzzInputs.RandomConfig(r, allowSecurity: false);
            // Mostly a correct envelope with a fresh counter, so the merge and validation run; sometimes a raw document.
            return r.Next(10) switch
            {
                0 => Text.Bytes(doc),
                1 => Text.Bytes($"{{\"ctr\":{ctr},\"config\":{doc}}}"),
                _ => Samples.SignedDesired(++ctr, doc),
            };
        });

        void Check(byte[] input)
        {
            // 1) The merge itself, on a scratch copy: parse + apply + validate; a config that passes writes and reads back the same.
            JsonNode root = parser.Parse(input, 0, input.Length);
            if (root == null)
            {
                AssertKnown(ResultCode.FromJsonError(parser.Error), "json");
                Assert.NotEqual(JsonError.None, parser.Error);
            }
            else if (root.IsObject)
            {
                JsonNode doc = root.Get("config") ?? root;
                scratch.CopyFrom(current);
                scratchErrors.Clear();
                bool ok = ConfigCodec.Apply(doc, scratch, scratchErrors) && ConfigValidator.Validate(scratch, scratchErrors);
                Assert.Equal(ok, scratchErrors.Total == 0);
                for (int i = 0; i < scratchErrors.Count; i++)
                {
                    AssertKnown(scratchErrors[i].Code, scratchErrors[i].Path);
                    Assert.False(string.IsNullOrEmpty(scratchErrors[i].Message));
                }

                if (ok)
                {
                    string full = Samples.ConfigJson(scratch, ConfigCodec.ModeFull);
                    var again = new NodeConfig();
                    byte[] fb = Text.Bytes(full);
                    Assert.True(ConfigCodec.Apply(parser.Parse(fb, 0, fb.Length), again, new FieldErrors()), full);
                    Assert.Equal(ConfigHash.Compute(scratch), ConfigHash.Compute(again));
                }
            }

            // 2) The node's whole desired-config path.
            var beforeWriter = new JsonWriter(beforeBuffer);
            ConfigCodec.Write(beforeWriter, current, ConfigCodec.ModeFull);
            int result = processor.Process(Samples.Topics.ConfigDesired, input, 0, input.Length, current, ack);
            AssertKnown(result, "process");
            Assert.Equal(result, ack.Result);
            counts[ResultCode.Name(result)] = counts.GetValueOrDefault(ResultCode.Name(result)) + 1;
            if (result == ResultCode.Ok)
            {
                // Applied: valid, and (a change of secrets only leaves the hash as it was) persisted.
                Assert.True(ConfigValidator.Validate(current, new FieldErrors()));
                if (++applied % 50 == 0)
                {
                    var stored = new NodeConfig();
                    Assert.True(new ConfigStore(blobs).Load(stored, new FieldErrors()));
                    Assert.Equal(ConfigHash.Compute(current), ConfigHash.Compute(stored));
                    Assert.Equal(current.BrokerPassword, stored.BrokerPassword);
                }
            }
            else
            {
                // Rejected (or unchanged): the config in force is byte for byte what it was, secrets included.
                var afterWriter = new JsonWriter(afterBuffer);
                ConfigCodec.Write(afterWriter, current, ConfigCodec.ModeFull);
                Assert.True(beforeBuffer.AsSpan(0, beforeWriter.Length).SequenceEqual(afterBuffer.AsSpan(0, afterWriter.Length)));
                if (result != ResultCode.Unchanged)
                {
                    Assert.True(ack.Errors.Count > 0, "a rejection names its reason: " + ResultCode.Name(result));
                    AssertKnown(ack.Errors[0].Code, ack.Errors[0].Path);
                }
            }

            Assert.True(ProtocolEncoder.ConfigAck(ackWriter, ack));
        }

        Run("config parser", gen, Check, () => string.Join(", ", counts.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(counts.GetValueOrDefault("ok") > 100, "the fuzzer reached the apply path");

        // What was finally applied is what is stored.
        var stored = new NodeConfig();
        Assert.True(new ConfigStore(blobs).Load(stored, new FieldErrors()));
        Assert.Equal(ConfigHash.Compute(current), ConfigHash.Compute(stored));
    }

    [Fact]
    public void CommandParser()
    {
        var auth = new InboundAuthenticator(new ReplayGuard(new DictionaryBlobStore()), Samples.Key);
        var parser = new CommandParser();
        var command = new Command();
        var ack = new CommandAck();
        var ackWriter = new JsonWriter(new byte[1024]);
        var counts = new Dictionary<string, int>();
        long ctr = 1000;
        string[] names = ["rebirth", "spectrum", "identify", "reboot", "baseline_start", "baseline_stop", "clear_alarms", "selfdestruct", ""];
        string[] argKeys = ["axis", "kind", "maxHz", "seconds", "windows", "now"];
        byte[][] seeds =
        [
            Samples.SignedCommand("c-1", "spectrum", 1, "{\"axis\":\"y\",\"kind\":\"velocity\",\"maxHz\":1000}"),
            Samples.SignedCommand("c-2", "identify", 2, "{\"seconds\":5}"),
            Samples.SignedCommand("c-3", "reboot", 3, null),
            Text.Bytes("{\"id\":\"c-4\",\"cmd\":\"baseline_start\",\"ctr\":4,\"args\":{\"windows\":100}}"),
        ];

        Gen<byte[]> gen = Inputs(seeds, r =>
        {
            string args = r.Next(3) == 0 ? "" : ",\"args\":{" + string.Join(",", Enumerable.Range(0, r.Next(3)).Select(_ => argKeys[r.Next(argKeys.Length)]).Distinct()
                .Select(k => FuzzInputs.Quote(k) + ":" + FuzzInputs.RandomValue(r, 2))) + "}";
            string id = r.Next(8) == 0 ? FuzzInputs.RandomValue(r, 3) : FuzzInputs.Quote("c-" + r.Next(100));
            string u = $"{{\"id\":{id},\"cmd\":{FuzzInputs.Quote(names[r.Next(names.Length)])},\"ctr\":{(r.Next(10) == 0 ? r.Next(2000) : ++ctr)}{args}}}";
            return r.Next(10) == 0 ? Text.Bytes(u) : MessageSigner.Sign(Samples.Key, Samples.Topics.Command, Text.Bytes(u));
        });

        void Check(byte[] input)
        {
            int result = parser.Parse(auth, Samples.Topics.Command, input, 0, input.Length, command);
            AssertKnown(result, "command");
            counts[ResultCode.Name(result)] = counts.GetValueOrDefault(ResultCode.Name(result)) + 1;
            if (result == ResultCode.Ok)
            {
                Assert.InRange(command.Kind, Command.Rebirth, Command.ClearAlarms);
                Assert.True(Topics.IsValidSegment(command.Id));
                Assert.InRange(command.Axis, 0, 2);
                Assert.InRange(command.Seconds, 1, 600);
            }
            else if (result != ResultCode.Unchanged)
            {
                Assert.True(parser.Errors.Count > 0, "a rejection names its reason: " + ResultCode.Name(result));
                Assert.Equal(result, parser.Errors[0].Code);
            }

            parser.FillAck(command, result, ack);
            Assert.True(ProtocolEncoder.CommandAck(ackWriter, ack));
        }

        Run("command parser", gen, Check, () => string.Join(", ", counts.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(counts.GetValueOrDefault("ok") > 1000, "the fuzzer reached the argument checks");
        Assert.Equal(auth.RejectedUnsigned, counts.GetValueOrDefault("unsigned"));
        Assert.Equal(auth.RejectedReplayed, counts.GetValueOrDefault("replayed"));
    }

    [Fact]
    public void SerialProtocol()
    {
        var serial = new CapturingSerialLine { KeepLines = false };
        var blobs = new DictionaryBlobStore();
        var actions = new TestActions();
        var session = new ProvisioningSession(serial, new ConfigStore(blobs), Samples.Config(), actions, new ReplayGuard(blobs));
        var lineParser = new JsonParser(65536, 16, 8192, 8192);
        var counts = new Dictionary<string, int>();
        serial.OnLine = (line, length) =>
        {
            JsonNode response = lineParser.Parse(line, 0, length);
            Assert.NotNull(response);
            Assert.True(response.IsObject);
            JsonNode result = response.Get("result");
            Assert.NotNull(result);
            int code = ResultCode.Parse(result.StringValue);
            AssertKnown(code, result.StringValue);
            counts[result.StringValue] = counts.GetValueOrDefault(result.StringValue) + 1;
            if (code != ResultCode.Ok)
            {
                Assert.True(response.Get("msg") != null || response.Get("errors") != null, "a rejection says why");
            }
        };
        string[] ops = ["hello", "info", "get", "set", "validate", "commit", "discard", "reboot", "factory_reset", "live", "test_broker", "format"];
        byte[][] seeds =
        [
            Text.Bytes("{\"id\":1,\"op\":\"hello\"}\n"),
            Text.Bytes("{\"op\":\"set\",\"fields\":{\"broker.port\":1883,\"report.intervalS\":30}}\n{\"op\":\"commit\"}\n"),
            Text.Bytes("{\"op\":\"set\",\"config\":" + Samples.ConfigJson(Samples.Config(), ConfigCodec.ModeRedacted) + "}\r\n"),
            Text.Bytes("{\"op\":\"get\"}\n{\"op\":\"live\"}\n{\"op\":\"factory_reset\",\"confirm\":true}\n"),
        ];

        Gen<byte[]> gen = Inputs(seeds, r =>
        {
            string op = ops[r.Next(ops.Length)];
            string extra = op switch
            {
                "set" => r.Next(2) == 0
                    ? ",\"config\":" + FuzzInputs.RandomConfig(r, allowSecurity: true)
                    : ",\"fields\":{" + string.Join(",", Enumerable.Range(0, r.Next(1, 4)).Select(_ =>
                    {
                        string section = FuzzInputs.ConfigSections[r.Next(FuzzInputs.ConfigSections.Length)];
                        string path = FuzzInputs.SectionFields.TryGetValue(section, out var f) ? section + "." + f[r.Next(f.Length)] : section;
                        return FuzzInputs.Quote(path) + ":" + FuzzInputs.RandomValue(r, 2);
                    }).Distinct()) + "}",
                "factory_reset" => r.Next(4) == 0 ? ",\"confirm\":true" : "",
                _ => r.Next(10) == 0 ? ",\"x\":1" : "",
            };
            string line = $"{{\"id\":{r.Next(100)},\"op\":\"{op}\"{extra}}}" + (r.Next(4) == 0 ? "\r\n" : "\n");
            return Text.Bytes(line);
        });

        void Check(byte[] input)
        {
            // Arbitrary split points, as a UART delivers them.
            int at = 0;
            int split = input.Length == 0 ? 0 : (input[0] * 7 + input.Length) % (input.Length + 1);
            session.Feed(input, 0, split);
            at = split;
            session.Feed(input, at, input.Length - at);
            Assert.Equal(0, session.InternalErrors);
        }

        Run("serial protocol", gen, Check, () => $"{serial.LineCount:N0} responses; " + string.Join(", ", counts.OrderByDescending(kv => kv.Value).Take(8).Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(counts.GetValueOrDefault("ok") > 1000);
        Assert.Equal(0, session.InternalErrors);
    }
}

[CollectionDefinition(FuzzTests.Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
}
