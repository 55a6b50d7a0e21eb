using SensorNode.Core.Features;
using SensorNode.Core.Json;

namespace SensorNode.Core.Protocol
{
    /// <summary>
    /// Reads every node → host payload back into the core's data classes: the host SDK uses these, so both
    /// sides share one definition. Strict about types and required fields, tolerant of members it does not know
    /// (a newer node may add fields within the same major version). Allocation does not matter here.
    /// Every method returns ResultCode.Ok or the reason; details go into <paramref name="errors"/> when given.
    /// </summary>
    public static class ProtocolDecoder
    {
        /// <summary>Largest node → host payload accepted (spectrum chunks are the biggest).</summary>
        public const int MaxPayloadBytes = 16384;

        private static JsonNode ParseObject(byte[] payload, int offset, int length, out int result)
        {
            var parser = new JsonParser(MaxPayloadBytes, 8, 512, 4096);
            JsonNode root = parser.Parse(payload, offset, length);
            if (root == null)
            {
                result = ResultCode.FromJsonError(parser.Error);
                return null;
            }

            if (!root.IsObject)
            {
                result = ResultCode.WrongType;
                return null;
            }

            result = ResultCode.Ok;
            return root;
        }

        private static FieldErrors Ensure(FieldErrors errors)
        {
            if (errors == null)
            {
                return new FieldErrors();
            }

            errors.Clear();
            return errors;
        }

        private static int Finish(FieldErrors errors)
        {
            return errors.Count == 0 ? ResultCode.Ok : errors[0].Code;
        }

        public static int Telemetry(byte[] payload, int offset, int length, MeasurementRecord r, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            Clear(r);
            long seq = 0;
            JsonRead.Long(root, "seq", true, 0, 4294967295L, null, errors, ref seq);
            r.Sequence = (uint)seq;
            JsonRead.Long(root, "ts", true, 0, long.MaxValue, null, errors, ref r.TimestampUnixMs);
            JsonRead.Bool(root, "tsync", true, null, errors, ref r.TimeSynced);
            JsonRead.Bool(root, "hist", true, null, errors, ref r.Historical);
            JsonRead.Int(root, "st", true, 0, int.MaxValue, null, errors, ref r.Status);
            JsonNode vib = JsonRead.Object(root, "vib", false, null, errors);
            if (vib != null)
            {
                int axes = 0;
                for (int a = 0; a < MeasurementRecord.MaxAxes; a++)
                {
                    string path = "vib." + FeatureKeys.AxisNames[a];
                    JsonNode ax = JsonRead.Object(vib, FeatureKeys.AxisNames[a], false, "vib", errors);
                    if (ax == null)
                    {
                        break;
                    }

                    axes = a + 1;
                    ReadAxisValue(ax, "vrms", path, errors, r.VelocityRms, a);
                    ReadAxisValue(ax, "arms", path, errors, r.AccelerationRms, a);
                    ReadAxisValue(ax, "hf", path, errors, r.HighFrequencyRms, a);
                    ReadAxisValue(ax, "pk", path, errors, r.Peak, a);
                    ReadAxisValue(ax, "p2p", path, errors, r.PeakToPeak, a);
                    ReadAxisValue(ax, "cf", path, errors, r.CrestFactor, a);
                    ReadAxisValue(ax, "kurt", path, errors, r.Kurtosis, a);
                    ReadAxisValue(ax, "skew", path, errors, r.Skewness, a);
                    ReadAxisValue(ax, "dc", path, errors, r.Mean, a);
                    ReadAxisValue(ax, "o1", path, errors, r.Order1, a);
                    ReadAxisValue(ax, "o2", path, errors, r.Order2, a);
                    ReadAxisValue(ax, "o3", path, errors, r.Order3, a);
                    ReadAxisValue(ax, "bpfo", path, errors, r.Bpfo, a);
                    ReadAxisValue(ax, "bpfi", path, errors, r.Bpfi, a);
                    ReadAxisValue(ax, "bsf", path, errors, r.Bsf, a);
                    ReadAxisValue(ax, "ftf", path, errors, r.Ftf, a);
                    ReadAxisValue(ax, "fpk", path, errors, r.DominantFrequency, a);
                    string zone = null;
                    JsonRead.String(ax, "zone", false, 1, 1, path, errors, ref zone);
                    if (zone != null)
                    {
                        int z = FeatureKeys.ZoneIndex(zone);
                        if (z < 0)
                        {
                            errors.Add(path + ".zone", ResultCode.InvalidValue, "zone must be A, B, C or D");
                        }

                        r.IsoZone[a] = z;
                    }
                    else
                    {
                        r.IsoZone[a] = -1;
                    }
                }

                r.AxisCount = axes;
            }

            ReadScalar(root, "shaft", null, errors, ref r.ShaftSpeedHz);
            ReadScalar(root, "temp", null, errors, ref r.TemperatureC);
            JsonNode cur = JsonRead.Object(root, "cur", false, null, errors);
            if (cur != null)
            {
                r.HasCurrent = true;
                ReadScalar(cur, "irms", "cur", errors, ref r.CurrentRms);
                ReadScalar(cur, "icf", "cur", errors, ref r.CurrentCrestFactor);
                ReadScalar(cur, "hz", "cur", errors, ref r.LineFrequencyHz);
                ReadScalar(cur, "thd", "cur", errors, ref r.CurrentThdPercent);
                ReadScalar(cur, "va", "cur", errors, ref r.ApparentPowerVa);
                JsonRead.Double(cur, "kwh", false, double.MinValue, double.MaxValue, "cur", errors, ref r.EnergyKwh);
                JsonRead.Bool(cur, "run", false, "cur", errors, ref r.Running);
                JsonRead.Double(cur, "runh", false, double.MinValue, double.MaxValue, "cur", errors, ref r.RunHours);
                JsonRead.Int(cur, "starts", false, 0, int.MaxValue, "cur", errors, ref r.StartCount);
            }

            return Finish(errors);
        }

        /// <summary>Reads a float that may be null (NaN on the node is written as null).</summary>
        private static void ReadScalar(JsonNode obj, string name, string prefix, FieldErrors errors, ref float value)
        {
            JsonNode v = obj.Get(name);
            if (v == null)
            {
                return;
            }

            if (v.IsNull)
            {
                value = float.NaN;
                return;
            }

            JsonRead.Float(obj, name, false, double.MinValue, double.MaxValue, prefix, errors, ref value);
        }

        private static void ReadAxisValue(JsonNode ax, string name, string path, FieldErrors errors, float[] target, int axis)
        {
            float value = 0;
            ReadScalar(ax, name, path, errors, ref value);
            target[axis] = value;
        }

        private static void Clear(MeasurementRecord r)
        {
            r.Sequence = 0;
            r.TimestampUnixMs = 0;
            r.TimeSynced = false;
            r.Historical = false;
            r.Status = 0;
            r.AxisCount = 0;
            for (int a = 0; a < MeasurementRecord.MaxAxes; a++)
            {
                r.VelocityRms[a] = 0;
                r.AccelerationRms[a] = 0;
                r.HighFrequencyRms[a] = 0;
                r.Peak[a] = 0;
                r.PeakToPeak[a] = 0;
                r.CrestFactor[a] = 0;
                r.Kurtosis[a] = 0;
                r.Skewness[a] = 0;
                r.Mean[a] = 0;
                r.IsoZone[a] = -1;
                r.Order1[a] = 0;
                r.Order2[a] = 0;
                r.Order3[a] = 0;
                r.Bpfo[a] = 0;
                r.Bpfi[a] = 0;
                r.Bsf[a] = 0;
                r.Ftf[a] = 0;
                r.DominantFrequency[a] = 0;
            }

            r.ShaftSpeedHz = 0;
            r.TemperatureC = float.NaN;
            r.HasCurrent = false;
            r.CurrentRms = 0;
            r.CurrentCrestFactor = 0;
            r.LineFrequencyHz = 0;
            r.CurrentThdPercent = 0;
            r.ApparentPowerVa = 0;
            r.EnergyKwh = 0;
            r.Running = false;
            r.RunHours = 0;
            r.StartCount = 0;
        }

        public static int Alarm(byte[] payload, int offset, int length, AlarmEvent e, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            long seq = 0;
            JsonRead.Long(root, "seq", true, 0, 4294967295L, null, errors, ref seq);
            e.Sequence = (uint)seq;
            JsonRead.Long(root, "ts", true, 0, long.MaxValue, null, errors, ref e.TimestampUnixMs);
            JsonRead.Bool(root, "tsync", true, null, errors, ref e.TimeSynced);
            JsonRead.Bool(root, "hist", true, null, errors, ref e.Historical);
            string feature = null;
            JsonRead.String(root, "feature", true, 1, 16, null, errors, ref feature);
            e.FeatureKey = feature;
            string axis = null;
            JsonRead.String(root, "axis", false, 1, 1, null, errors, ref axis);
            e.Axis = axis == null ? -1 : FeatureKeys.AxisIndex(axis);
            if (axis != null && e.Axis < 0)
            {
                errors.Add("axis", ResultCode.InvalidValue, "axis must be x, y or z");
            }

            e.Level = ReadEnum(root, "level", true, errors, 0);
            e.PreviousLevel = ReadEnum(root, "prev", true, errors, 0);
            e.Kind = ReadEnum(root, "kind", true, errors, 1);
            ReadScalar(root, "value", null, errors, ref e.Value);
            ReadScalar(root, "threshold", null, errors, ref e.Threshold);
            if (root.Get("value") == null)
            {
                errors.Add("value", ResultCode.MissingField, "required");
            }

            return Finish(errors);
        }

        // which: 0 = alarm level, 1 = alarm kind
        private static int ReadEnum(JsonNode root, string name, bool required, FieldErrors errors, int which)
        {
            string s = null;
            if (!JsonRead.String(root, name, required, 1, 16, null, errors, ref s) || s == null)
            {
                return 0;
            }

            int v = which == 0 ? AlarmEvent.LevelIndex(s) : AlarmEvent.KindIndex(s);
            if (v < 0)
            {
                errors.Add(name, ResultCode.InvalidValue, "unknown value");
                return 0;
            }

            return v;
        }

        public static int Health(byte[] payload, int offset, int length, HealthSnapshot h, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            JsonRead.Long(root, "ts", true, 0, long.MaxValue, null, errors, ref h.TimestampUnixMs);
            JsonRead.Bool(root, "tsync", false, null, errors, ref h.TimeSynced);
            long boot = 0;
            JsonRead.Long(root, "boot", false, 0, 4294967295L, null, errors, ref boot);
            h.BootCount = (uint)boot;
            JsonRead.String(root, "state", true, 1, 32, null, errors, ref h.State);
            JsonRead.Long(root, "uptime", true, 0, long.MaxValue, null, errors, ref h.UptimeSeconds);
            long mem = 0;
            JsonRead.Long(root, "freeMem", false, 0, 4294967295L, null, errors, ref mem);
            h.FreeMemoryBytes = (uint)mem;
            JsonRead.Int(root, "rssi", false, -200, 100, null, errors, ref h.RssiDbm);
            JsonRead.Int(root, "queue", false, 0, int.MaxValue, null, errors, ref h.QueueDepth);
            JsonRead.Int(root, "queueCap", false, 0, int.MaxValue, null, errors, ref h.QueueCapacity);
            JsonRead.Long(root, "dropped", false, 0, long.MaxValue, null, errors, ref h.DroppedCount);
            JsonRead.Int(root, "reconnects", false, 0, int.MaxValue, null, errors, ref h.Reconnects);
            JsonRead.Int(root, "st", false, 0, int.MaxValue, null, errors, ref h.SensorStatus);
            h.LastError = null;
            JsonRead.String(root, "lastError", false, 0, 256, null, errors, ref h.LastError);
            h.Transitions = 0;
            JsonRead.Int(root, "transitions", false, 0, int.MaxValue, null, errors, ref h.Transitions);
            h.TransitionReason = null;
            JsonRead.String(root, "reason", false, 0, 64, null, errors, ref h.TransitionReason);
            h.MemoryPlanBytes = 0;
            JsonRead.Int(root, "memPlan", false, 0, int.MaxValue, null, errors, ref h.MemoryPlanBytes);
            JsonNode rej = JsonRead.Object(root, "rejected", false, null, errors);
            if (rej != null)
            {
                JsonRead.Int(rej, "unsigned", false, 0, int.MaxValue, "rejected", errors, ref h.RejectedUnsigned);
                JsonRead.Int(rej, "badSig", false, 0, int.MaxValue, "rejected", errors, ref h.RejectedBadSignature);
                JsonRead.Int(rej, "replayed", false, 0, int.MaxValue, "rejected", errors, ref h.RejectedReplayed);
            }

            return Finish(errors);
        }

        public static int Status(byte[] payload, int offset, int length, StatusMessage s, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            string state = null;
            JsonRead.String(root, "state", true, 1, 16, null, errors, ref state);
            if (state != null && state != StatusMessage.Online && state != StatusMessage.Offline)
            {
                errors.Add("state", ResultCode.InvalidValue, "must be online or offline");
            }

            s.State = state;
            long boot = 0;
            JsonRead.Long(root, "boot", true, 0, 4294967295L, null, errors, ref boot);
            s.BootCount = (uint)boot;
            s.TimestampUnixMs = 0;
            JsonRead.Long(root, "ts", false, 0, long.MaxValue, null, errors, ref s.TimestampUnixMs);
            return Finish(errors);
        }

        public static int Birth(byte[] payload, int offset, int length, BirthInfo b, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            int proto = 0;
            JsonRead.Int(root, "proto", true, 1, 1000, null, errors, ref proto);
            if (proto != 0 && proto != Topics.ProtocolVersion)
            {
                errors.Add("proto", ResultCode.UnsupportedVersion, "unsupported protocol version");
            }

            JsonRead.Long(root, "ts", true, 0, long.MaxValue, null, errors, ref b.TimestampUnixMs);
            JsonRead.Bool(root, "tsync", false, null, errors, ref b.TimeSynced);
            long v = 0;
            JsonRead.Long(root, "boot", true, 0, 4294967295L, null, errors, ref v);
            b.BootCount = (uint)v;
            JsonRead.String(root, "fw", true, 1, 32, null, errors, ref b.FirmwareVersion);
            JsonRead.String(root, "board", true, 1, 64, null, errors, ref b.Board);
            b.AssetName = null;
            JsonRead.String(root, "asset", false, 0, 64, null, errors, ref b.AssetName);
            v = 0;
            JsonRead.Long(root, "tseq", false, 0, 4294967295L, null, errors, ref v);
            b.NextTelemetrySequence = (uint)v;
            v = 0;
            JsonRead.Long(root, "aseq", false, 0, 4294967295L, null, errors, ref v);
            b.NextAlarmSequence = (uint)v;
            JsonRead.String(root, "cfg", true, 1, 64, null, errors, ref b.ConfigHash);
            JsonRead.Int(root, "fft", false, 0, 65536, null, errors, ref b.FftSize);
            JsonRead.Int(root, "intervalS", false, 0, int.MaxValue, null, errors, ref b.ReportIntervalSeconds);
            b.AccelerometerModel = null;
            b.TemperatureModel = null;
            b.CurrentModel = null;
            JsonNode sensors = root.Get("sensors");
            if (sensors != null && sensors.IsArray)
            {
                for (int i = 0; i < sensors.Count; i++)
                {
                    JsonNode s = sensors.ItemAt(i);
                    string id = JsonRead.StringOr(s, "id", null);
                    if (!s.IsObject || id == null)
                    {
                        errors.Add("sensors", ResultCode.InvalidValue, "each sensor needs an id");
                        continue;
                    }

                    if (id == "accel")
                    {
                        b.AccelerometerModel = JsonRead.StringOr(s, "model", "");
                        b.AxisCount = (int)JsonRead.LongOr(s, "axes", 3);
                        b.AccelerometerRateHz = JsonRead.FloatOr(s, "rateHz", 0);
                        b.AccelerometerRangeG = (int)JsonRead.LongOr(s, "rangeG", 0);
                    }
                    else if (id == "temp")
                    {
                        b.TemperatureModel = JsonRead.StringOr(s, "model", "");
                    }
                    else if (id == "current")
                    {
                        b.CurrentModel = JsonRead.StringOr(s, "model", "");
                        b.CurrentRateHz = JsonRead.FloatOr(s, "rateHz", 0);
                    }
                }
            }
            else if (sensors != null)
            {
                errors.Add("sensors", ResultCode.WrongType, "must be an array");
            }

            JsonNode caps = root.Get("caps");
            if (caps != null && caps.IsArray)
            {
                var list = new string[caps.Count];
                for (int i = 0; i < caps.Count; i++)
                {
                    JsonNode c = caps.ItemAt(i);
                    list[i] = c.IsString ? c.StringValue : null;
                }

                b.Capabilities = list;
            }

            return Finish(errors);
        }

        public static int ConfigAck(byte[] payload, int offset, int length, ConfigAck ack, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            JsonRead.Long(root, "ctr", true, 0, long.MaxValue, null, errors, ref ack.Counter);
            ack.Result = ReadResult(root, errors);
            ack.Hash = null;
            JsonRead.String(root, "hash", false, 0, 64, null, errors, ref ack.Hash);
            ack.Errors.Clear();
            JsonNode list = root.Get("errors");
            if (list != null && list.IsArray)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    JsonNode e = list.ItemAt(i);
                    string code = JsonRead.StringOr(e, "code", null);
                    ack.Errors.Add(JsonRead.StringOr(e, "path", null), code == null ? -1 : ResultCode.Parse(code), JsonRead.StringOr(e, "msg", null));
                }
            }

            return Finish(errors);
        }

        private static int ReadResult(JsonNode root, FieldErrors errors)
        {
            string name = null;
            JsonRead.String(root, "result", true, 1, 64, null, errors, ref name);
            if (name == null)
            {
                return -1;
            }

            int code = ResultCode.Parse(name);
            if (code < 0)
            {
                errors.Add("result", ResultCode.InvalidValue, "unknown result code");
            }

            return code;
        }

        public static int CommandAck(byte[] payload, int offset, int length, CommandAck ack, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            ack.Id = JsonRead.StringOr(root, "id", null);
            ack.Command = JsonRead.StringOr(root, "cmd", null);
            ack.Counter = 0;
            JsonRead.Long(root, "ctr", true, 0, long.MaxValue, null, errors, ref ack.Counter);
            ack.Result = ReadResult(root, errors);
            ack.Message = JsonRead.StringOr(root, "msg", null);
            return Finish(errors);
        }

        public static int Spectrum(byte[] payload, int offset, int length, SpectrumChunk c, FieldErrors errors)
        {
            int result;
            JsonNode root = ParseObject(payload, offset, length, out result);
            if (root == null)
            {
                return result;
            }

            errors = Ensure(errors);
            c.Id = JsonRead.StringOr(root, "id", null);
            JsonRead.Long(root, "ts", true, 0, long.MaxValue, null, errors, ref c.TimestampUnixMs);
            string axis = null;
            JsonRead.String(root, "axis", true, 1, 1, null, errors, ref axis);
            c.Axis = axis == null ? -1 : FeatureKeys.AxisIndex(axis);
            JsonRead.String(root, "kind", true, 1, 16, null, errors, ref c.Kind);
            JsonRead.String(root, "unit", true, 1, 16, null, errors, ref c.Unit);
            JsonRead.Float(root, "df", true, 0, 1e6, null, errors, ref c.BinHz);
            JsonRead.Int(root, "first", true, 0, 65536, null, errors, ref c.FirstBin);
            JsonRead.Int(root, "bins", true, 1, 65536, null, errors, ref c.TotalBins);
            JsonRead.Int(root, "chunk", true, 0, 65536, null, errors, ref c.ChunkIndex);
            JsonRead.Int(root, "chunks", true, 1, 65536, null, errors, ref c.ChunkCount);
            JsonNode amp = root.Get("amp");
            if (amp == null || !amp.IsArray)
            {
                errors.Add("amp", amp == null ? ResultCode.MissingField : ResultCode.WrongType, "amplitude array required");
                c.Amplitudes = new float[0];
            }
            else
            {
                c.Amplitudes = new float[amp.Count];
                for (int i = 0; i < amp.Count; i++)
                {
                    JsonNode n = amp.ItemAt(i);
                    c.Amplitudes[i] = n.IsNumber ? (float)n.NumberValue : float.NaN;
                }
            }

            return Finish(errors);
        }
    }
}
