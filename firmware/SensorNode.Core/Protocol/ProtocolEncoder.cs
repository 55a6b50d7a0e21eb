using SensorNode.Core.Features;
using SensorNode.Core.Json;

namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// Writes every node → host payload into a reused <see cref="JsonWriter"/>. Each method restarts the writer,
    /// writes one complete JSON object and returns <c>true</c> when it fitted (the payload is then
    /// writer.Buffer[writer.Offset .. writer.Offset + writer.Length)). Nothing is allocated on the telemetry,
    /// alarm and health paths. Key names are the protocol; docs/protocol.md and docs/schemas/ describe them.
    /// </summary>
    public static class ProtocolEncoder
    {
        /// <summary>Significant digits for spectrum amplitudes (enough for a plot, keeps chunks small).</summary>
        public const int SpectrumDigits = 4;

        public static bool Telemetry(JsonWriter w, MeasurementRecord r)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("seq", r.Sequence);
            w.Prop("ts", r.TimestampUnixMs);
            w.Prop("tsync", r.TimeSynced);
            w.Prop("hist", r.Historical);
            w.Prop("st", r.Status);
            int axes = r.AxisCount;
            if (axes > MeasurementRecord.MaxAxes)
            {
                axes = MeasurementRecord.MaxAxes;
            }

            if (axes > 0 && (r.Status & MeasurementRecord.StatusAccelerometerFailed) == 0)
            {
                w.Name("vib");
                w.BeginObject();
                for (int a = 0; a < axes; a++)
                {
                    w.Name(FeatureKeys.AxisNames[a]);
                    w.BeginObject();
                    w.Prop("vrms", r.VelocityRms[a]);
                    w.Prop("arms", r.AccelerationRms[a]);
                    w.Prop("hf", r.HighFrequencyRms[a]);
                    w.Prop("pk", r.Peak[a]);
                    w.Prop("p2p", r.PeakToPeak[a]);
                    w.Prop("cf", r.CrestFactor[a]);
                    w.Prop("kurt", r.Kurtosis[a]);
                    w.Prop("skew", r.Skewness[a]);
                    w.Prop("dc", r.Mean[a]);
                    string zone = FeatureKeys.ZoneName(r.IsoZone[a]);
                    if (zone != null)
                    {
                        w.Prop("zone", zone);
                    }

                    w.Prop("o1", r.Order1[a]);
                    w.Prop("o2", r.Order2[a]);
                    w.Prop("o3", r.Order3[a]);
                    w.Prop("bpfo", r.Bpfo[a]);
                    w.Prop("bpfi", r.Bpfi[a]);
                    w.Prop("bsf", r.Bsf[a]);
                    w.Prop("ftf", r.Ftf[a]);
                    w.Prop("fpk", r.DominantFrequency[a]);
                    w.EndObject();
                }

                w.EndObject();
            }

            w.Prop("shaft", r.ShaftSpeedHz);
            if ((r.Status & MeasurementRecord.StatusTemperatureFailed) == 0)
            {
                w.Prop("temp", r.TemperatureC);
            }

            if (r.HasCurrent && (r.Status & MeasurementRecord.StatusCurrentFailed) == 0)
            {
                w.Name("cur");
                w.BeginObject();
                w.Prop("irms", r.CurrentRms);
                w.Prop("icf", r.CurrentCrestFactor);
                w.Prop("hz", r.LineFrequencyHz);
                w.Prop("thd", r.CurrentThdPercent);
                w.Prop("va", r.ApparentPowerVa);
                w.Prop("kwh", r.EnergyKwh, 10);
                w.Prop("run", r.Running);
                w.Prop("runh", r.RunHours, 10);
                w.Prop("starts", r.StartCount);
                w.EndObject();
            }

            w.EndObject();
            return w.IsComplete;
        }

        public static bool Alarm(JsonWriter w, AlarmEvent e)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("seq", e.Sequence);
            w.Prop("ts", e.TimestampUnixMs);
            w.Prop("tsync", e.TimeSynced);
            w.Prop("hist", e.Historical);
            w.Prop("feature", e.FeatureKey);
            string axis = FeatureKeys.AxisName(e.Axis);
            if (axis != null)
            {
                w.Prop("axis", axis);
            }

            w.Prop("level", AlarmEvent.LevelName(e.Level));
            w.Prop("prev", AlarmEvent.LevelName(e.PreviousLevel));
            w.Prop("value", e.Value);
            w.Prop("threshold", e.Threshold);
            w.Prop("kind", AlarmEvent.KindName(e.Kind));
            w.EndObject();
            return w.IsComplete;
        }

        public static bool Health(JsonWriter w, HealthSnapshot h)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("ts", h.TimestampUnixMs);
            w.Prop("tsync", h.TimeSynced);
            w.Prop("boot", h.BootCount);
            w.Prop("state", h.State == null ? "unknown" : h.State);
            w.Prop("uptime", h.UptimeSeconds);
            w.Prop("freeMem", h.FreeMemoryBytes);
            w.Prop("rssi", h.RssiDbm);
            w.Prop("queue", h.QueueDepth);
            w.Prop("queueCap", h.QueueCapacity);
            w.Prop("dropped", h.DroppedCount);
            w.Prop("reconnects", h.Reconnects);
            w.Name("rejected");
            w.BeginObject();
            w.Prop("unsigned", h.RejectedUnsigned);
            w.Prop("badSig", h.RejectedBadSignature);
            w.Prop("replayed", h.RejectedReplayed);
            w.EndObject();
            w.Prop("st", h.SensorStatus);
            w.Prop("transitions", h.Transitions);
            if (h.TransitionReason != null)
            {
                w.Prop("reason", h.TransitionReason);
            }

            if (h.MemoryPlanBytes > 0)
            {
                w.Prop("memPlan", h.MemoryPlanBytes);
            }

            if (h.LastError != null)
            {
                w.Prop("lastError", h.LastError);
            }

            w.EndObject();
            return w.IsComplete;
        }

        /// <summary>Online status (with time) or offline status; pass timestampUnixMs = 0 for the Will (no "ts").</summary>
        public static bool Status(JsonWriter w, bool online, uint bootCount, long timestampUnixMs)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("state", online ? StatusMessage.Online : StatusMessage.Offline);
            w.Prop("boot", bootCount);
            if (timestampUnixMs > 0)
            {
                w.Prop("ts", timestampUnixMs);
            }

            w.EndObject();
            return w.IsComplete;
        }

        /// <summary>The Will payload as its own array (MqttConnectOptions.WillPayload); built once per connect.</summary>
        public static byte[] WillPayload(uint bootCount)
        {
            var buffer = new byte[64];
            var w = new JsonWriter(buffer);
            Status(w, false, bootCount, 0);
            var result = new byte[w.Length];
            System.Array.Copy(buffer, result, w.Length);
            return result;
        }

        public static bool Birth(JsonWriter w, BirthInfo b)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("proto", Topics.ProtocolVersion);
            w.Prop("ts", b.TimestampUnixMs);
            w.Prop("tsync", b.TimeSynced);
            w.Prop("boot", b.BootCount);
            w.Prop("fw", b.FirmwareVersion);
            w.Prop("board", b.Board);
            if (b.AssetName != null)
            {
                w.Prop("asset", b.AssetName);
            }

            w.Prop("tseq", b.NextTelemetrySequence);
            w.Prop("aseq", b.NextAlarmSequence);
            w.Prop("cfg", b.ConfigHash);
            w.Prop("fft", b.FftSize);
            w.Prop("intervalS", b.ReportIntervalSeconds);
            w.Name("sensors");
            w.BeginArray();
            if (b.AccelerometerModel != null)
            {
                w.BeginObject();
                w.Prop("id", "accel");
                w.Prop("model", b.AccelerometerModel);
                w.Prop("axes", b.AxisCount);
                w.Prop("rateHz", b.AccelerometerRateHz);
                w.Prop("rangeG", b.AccelerometerRangeG);
                w.Prop("unit", "m/s2");
                w.EndObject();
            }

            if (b.TemperatureModel != null)
            {
                w.BeginObject();
                w.Prop("id", "temp");
                w.Prop("model", b.TemperatureModel);
                w.Prop("unit", "degC");
                w.EndObject();
            }

            if (b.CurrentModel != null)
            {
                w.BeginObject();
                w.Prop("id", "current");
                w.Prop("model", b.CurrentModel);
                w.Prop("rateHz", b.CurrentRateHz);
                w.Prop("unit", "A");
                w.EndObject();
            }

            w.EndArray();
            w.Name("units");
            w.BeginObject();
            for (int i = 0; i < FeatureKeys.Axis.Length; i++)
            {
                w.Prop(FeatureKeys.Axis[i], FeatureKeys.Unit(FeatureKeys.Axis[i]));
            }

            for (int i = 0; i < FeatureKeys.Scalar.Length; i++)
            {
                w.Prop(FeatureKeys.Scalar[i], FeatureKeys.Unit(FeatureKeys.Scalar[i]));
            }

            w.EndObject();
            w.Name("caps");
            w.BeginArray();
            string[] caps = b.Capabilities == null ? BirthInfo.DefaultCapabilities : b.Capabilities;
            for (int i = 0; i < caps.Length; i++)
            {
                w.String(caps[i]);
            }

            w.EndArray();
            w.EndObject();
            return w.IsComplete;
        }

        public static bool ConfigAck(JsonWriter w, ConfigAck ack)
        {
            w.Restart();
            w.BeginObject();
            w.Prop("ctr", ack.Counter);
            w.Prop("result", ResultCode.Name(ack.Result));
            if (ack.Hash != null)
            {
                w.Prop("hash", ack.Hash);
            }

            WriteErrors(w, ack.Errors);
            w.EndObject();
            return w.IsComplete;
        }

        /// <summary>Writes "errors": [...] (omitted when empty) and "moreErrors" when some did not fit the list.</summary>
        public static void WriteErrors(JsonWriter w, FieldErrors errors)
        {
            if (errors == null || errors.Count == 0)
            {
                return;
            }

            w.Name("errors");
            w.BeginArray();
            for (int i = 0; i < errors.Count; i++)
            {
                FieldError e = errors[i];
                w.BeginObject();
                w.Prop("path", e.Path);
                w.Prop("code", ResultCode.Name(e.Code));
                w.Prop("msg", e.Message);
                w.EndObject();
            }

            w.EndArray();
            if (errors.Total > errors.Count)
            {
                w.Prop("moreErrors", errors.Total - errors.Count);
            }
        }

        public static bool CommandAck(JsonWriter w, CommandAck ack)
        {
            w.Restart();
            w.BeginObject();
            if (ack.Id != null)
            {
                w.Prop("id", ack.Id);
            }

            if (ack.Command != null)
            {
                w.Prop("cmd", ack.Command);
            }

            w.Prop("ctr", ack.Counter);
            w.Prop("result", ResultCode.Name(ack.Result));
            if (ack.Message != null)
            {
                w.Prop("msg", ack.Message);
            }

            w.EndObject();
            return w.IsComplete;
        }

        /// <summary>One chunk of an amplitude spectrum: bins [firstBin, firstBin + count) of
        /// <paramref name="amplitudes"/> (indexed from bin 0), bin spacing <paramref name="binHz"/>.</summary>
        public static bool SpectrumChunk(JsonWriter w, string requestId, long timestampUnixMs, int axis, string kind, string unit,
            float binHz, float[] amplitudes, int firstBin, int count, int totalBins, int chunkIndex, int chunkCount)
        {
            w.Restart();
            w.BeginObject();
            if (requestId != null)
            {
                w.Prop("id", requestId);
            }

            w.Prop("ts", timestampUnixMs);
            w.Prop("axis", FeatureKeys.AxisName(axis));
            w.Prop("kind", kind);
            w.Prop("unit", unit);
            w.Prop("df", binHz);
            w.Prop("first", firstBin);
            w.Prop("bins", totalBins);
            w.Prop("chunk", chunkIndex);
            w.Prop("chunks", chunkCount);
            w.Name("amp");
            w.BeginArray();
            for (int i = 0; i < count; i++)
            {
                w.Float(amplitudes[firstBin + i], SpectrumDigits);
            }

            w.EndArray();
            w.EndObject();
            return w.IsComplete;
        }
    }
}
