import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../components/layouts/app-layout';
import { LoginPage } from '../features/auth/login-page';
import { HomePage } from '../features/home/home-page';
import { features } from './features';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/login/sso', lazy: async () => ({ Component: (await import('../features/sso/components/sso-callback-page')).SsoCallbackPage }) },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      ...features.flatMap((feature) => feature.routes),
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
