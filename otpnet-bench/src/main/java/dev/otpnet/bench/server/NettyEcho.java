package dev.otpnet.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The {@code {packet, 4}} echo server as a Netty user writes it: NIO event loops (one per core, as
 * Netty's default), {@link LengthFieldBasedFrameDecoder} and {@link LengthFieldPrepender}, and for
 * TLS an {@code SslHandler} on the JDK's engine ({@code --engine jdk}) or on BoringSSL through
 * netty-tcnative ({@code --engine openssl}).
 */
public final class NettyEcho {
    private NettyEcho() {
    }

    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        SslContext tls = a.tls() ? SslContextBuilder.forServer(a.certfile().toFile(), a.keyfile().toFile())
                .sslProvider(a.engine().equals("openssl") ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build() : null;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ChannelHandler echo = new Echo();
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(64 * 1024 * 1024, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), echo);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", a.port())).sync().channel();
        ServerArgs.announce(((InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }

    @ChannelHandler.Sharable
    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        Echo() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            ctx.writeAndFlush(msg, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static List<String> jvmFlags() {
        return List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    }
}
