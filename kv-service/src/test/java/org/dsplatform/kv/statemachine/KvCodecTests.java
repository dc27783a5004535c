package org.dsplatform.kv.statemachine;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.dsplatform.kv.storage.KeyValue;
import org.dsplatform.kv.storage.KvCommand;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.MarkPublished;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvCommand.RevokeLease;
import org.dsplatform.kv.storage.KvQuery;
import org.dsplatform.kv.storage.KvResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvCodecTests {

	@Test
	void readsBackEveryCommandItWrites() {
		List<KvCommand> commands = List.of(new Put("a/b", "v", 3, Precondition.NONE, null),
				new Put("k", "ünï", 0, new Precondition(0L, "old"), new Fence("lock:x", 42)),
				new Delete("k", new Precondition(2L, null), null), new GrantLease(1500), new KeepAlive(9),
				new RevokeLease(9), new ExpireLeases(List.of(new ExpireLeases.Expiry(1, 2))), new MarkPublished(77));
		for (KvCommand command : commands) {
			assertThat(KvCodec.decodeCommand(new ByteArrayInputStream(KvCodec.encode(command)))).isEqualTo(command);
		}
	}

	@Test
	void readsBackEveryQueryItWrites() {
		for (KvQuery query : List.of(new KvQuery.Get("k"), new KvQuery.Range("p", null, 10),
				new KvQuery.Range("p", "p9", 1), new KvQuery.GetLease(5))) {
			assertThat(KvCodec.decodeQuery(new ByteArrayInputStream(KvCodec.encode(query)))).isEqualTo(query);
		}
	}

	@Test
	void readsBackEveryResultItWrites() {
		KeyValue keyValue = new KeyValue("k", "v", 1, 2, 3, 4);
		List<KvResult> results = List.of(new KvResult.Written(keyValue, 9), new KvResult.PreconditionFailed("k", 2, 9),
				new KvResult.Fenced("l", 1, 2), new KvResult.KeyNotFound("k", 9), new KvResult.LeaseNotFound(3),
				new KvResult.LeaseState(3, 1000, List.of("a", "b")), new KvResult.LeasesEnded(List.of(3L), 2, 9),
				new KvResult.Done(9), new KvResult.Found(keyValue, 9), new KvResult.Page(List.of(keyValue), "n", 9),
				new KvResult.Page(List.of(), null, 9));
		for (KvResult result : results) {
			KvCodec.Reply reply = KvCodec.decodeReply(new ByteArrayInputStream(KvCodec.encode(result, 12)));
			assertThat(reply.result()).isEqualTo(result);
			assertThat(reply.appliedIndex()).isEqualTo(12);
		}
	}

}
